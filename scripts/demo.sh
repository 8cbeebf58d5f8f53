#!/usr/bin/env bash
# The README's first command: installs what is missing to build and run (no sound server,
# no test tools), builds the program alone, and plays the bundled example debate offline.
# Without a sound device it writes the audio to a file instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh run
BUILD_TARGET=meeluister bash scripts/build.sh build -DMEELUISTER_TESTS=OFF
out=$(mktemp)
set +e
./build/meeluister demo "$@" | tee "$out"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -ne 0 ] && grep -q "Geen audioapparaat" "$out"; then
  echo "Het voorbeeld wordt nu naar het bestand meeluister-voorbeeld.wav geschreven."
  ./build/meeluister demo --uitvoer meeluister-voorbeeld.wav
  rc=$?
fi
rm -f "$out"
exit "$rc"
