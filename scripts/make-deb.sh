#!/bin/sh
# Builds the Debian package from a configured build tree with cpack -G DEB:
#   scripts/make-deb.sh BUILD_DIR [OUT_DIR]
# The package installs under /usr; its Depends come from dpkg-shlibdeps (dpkg-dev).
# Prints the path of the .deb on the last line.
set -eu
build=${1:?Gebruik: make-deb.sh BOUWMAP [UITVOERMAP]}
out=${2:-$build/pakket}
mkdir -p "$out"
cmake --build "$build" --target meeluister -j2 >/dev/null
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$out" >&2
ls -1 "$out"/meeluister_*.deb | tail -n 1
