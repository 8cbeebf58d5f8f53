#!/bin/sh
# Builds meeluister twice from the same commit in two differently named source and build
# folders and checks that the two programs are bit for bit the same and name neither
# folder. Uses ccache when CMAKE_CXX_COMPILER_LAUNCHER says so (then the second build
# reuses the first's objects and mainly the link is compared; unset it for a full check).
#   scripts/check-reproducible.sh [WORK_DIR]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct)}
for name in eerste-bron tweede/andere-bronmap; do
  mkdir -p "$work/$name"
  git -C "$here" archive HEAD | tar -x -C "$work/$name"
  cmake -S "$work/$name" -B "$work/$name/bouw-$(basename "$name")" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DMEELUISTER_TESTS=OFF >/dev/null
  cmake --build "$work/$name/bouw-$(basename "$name")" --target meeluister -j2 >/dev/null
done
a="$work/eerste-bron/bouw-eerste-bron/meeluister"
b="$work/tweede/andere-bronmap/bouw-andere-bronmap/meeluister"
status=0
for bin in "$a" "$b"; do
  if grep -a -q -e "$work" -e "$here" "$bin"; then
    echo "$bin noemt een bouw- of bronmap:" >&2
    strings "$bin" | grep -e "$work" -e "$here" | head -5 >&2
    status=1
  fi
done
if cmp -s "$a" "$b"; then
  echo "gelijk: $(sha256sum "$a" | cut -d' ' -f1)"
else
  echo "verschillend: $(sha256sum "$a" "$b")" >&2
  status=1
fi
exit $status
