#!/usr/bin/env bash
# Installs what meeluister needs from Debian 12's packages: to build and run it (run), or
# also to test it (test, the default).
# Only what is missing is installed; safe to run again. Needs root (or sudo).
set -euo pipefail

# Two sets. "run" (the README's first command): what building and running meeluister
# needs, and nothing else: no sound server (meeluister plays through whatever the desktop
# runs, PipeWire or PulseAudio), no test tools, no compilers beyond g++.
# "test" (the second command, and CI): the run set plus the test tools: a private
# PulseAudio with a null sink, D-Bus tools, the screen reader yasr and speech-dispatcher,
# ffmpeg to make fixtures, clang for the fuzz targets, gtest, and mpv for the benchmark.
# "--list" after the set's name prints its packages, one a line, and installs nothing.
set_name=${1:-test}
list_only=${2:-}
RUN_PACKAGES=(
  # build
  cmake g++ make pkg-config ninja-build
  # libraries
  portaudio19-dev libasound2-dev libsndfile1-dev libespeak-ng-dev espeak-ng-data
  libcurl4-openssl-dev ca-certificates
  libavformat-dev libavcodec-dev libswresample-dev libavutil-dev
  libsoxr-dev libsonic-dev nlohmann-json3-dev libgumbo-dev libsystemd-dev libfmt-dev
  libspeechd-dev libpulse-dev
  # Dutch time: the zone rules for Europe/Amsterdam (core/DutchZone)
  tzdata
)
TEST_PACKAGES=(
  clang-14 libclang-rt-14-dev libgtest-dev libgmock-dev
  # tests: real sound server with a null sink, fixture making, D-Bus, speech-dispatcher,
  # and a real console screen reader
  pulseaudio pulseaudio-utils libasound2-plugins ffmpeg python3 espeak-ng
  speech-dispatcher speech-dispatcher-espeak-ng yasr
  dbus systemd playerctl
  # packaging checks: the desktop entry, and cpack -G DEB with dpkg-shlibdeps
  desktop-file-utils dpkg-dev
  # benchmark
  mpv time
)
case "$set_name" in
  run) PACKAGES=("${RUN_PACKAGES[@]}") ;;
  test) PACKAGES=("${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
  *) echo "Gebruik: install-deps.sh [run|test]" >&2; exit 2 ;;
esac

if [ "$list_only" = "--list" ]; then
  printf '%s\n' "${PACKAGES[@]}"
  exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "Alle benodigde pakketten zijn al geïnstalleerd."
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "Installeren vraagt root-rechten; ontbrekend: ${missing[*]}" >&2; exit 1
  fi
fi

echo "Installeren: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -q >&2
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends "${missing[@]}" >&2
