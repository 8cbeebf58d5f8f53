#!/usr/bin/env bash
# Configures and builds meeluister in build/ (or the folder given as $1, with extra
# CMake arguments after it). Used by demo.sh and test.sh. BUILD_TARGET, when set, builds
# only that target (demo.sh: the program alone, no tests).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
shift || true
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
if [ ! -f "$dir/CMakeCache.txt" ]; then
  cmake -S . -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >&2
elif [ $# -gt 0 ]; then
  # Options given again (tests on or off) apply to an existing folder too.
  cmake -S . -B "$dir" "$@" >&2
fi
target=()
[ -n "${BUILD_TARGET:-}" ] && target=(--target "$BUILD_TARGET")
cmake --build "$dir" -j "$(nproc)" "${target[@]}" >&2
