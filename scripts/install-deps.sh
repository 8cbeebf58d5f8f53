#!/usr/bin/env bash
# Installs every build, run and test dependency of meeluister from Debian 12's packages.
# Only what is missing is installed; safe to run again. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  # build
  cmake g++ make pkg-config ninja-build clang-14 libclang-rt-14-dev
  # libraries
  portaudio19-dev libasound2-dev libsndfile1-dev libespeak-ng-dev espeak-ng-data
  libcurl4-openssl-dev ca-certificates
  libavformat-dev libavcodec-dev libswresample-dev libavutil-dev
  libsoxr-dev libsonic-dev nlohmann-json3-dev libgumbo-dev libpugixml-dev libsystemd-dev libfmt-dev
  libspeechd-dev speech-dispatcher speech-dispatcher-espeak-ng
  libgtest-dev libgmock-dev
  # tests: real sound server with a null sink, fixture making, D-Bus
  pulseaudio pulseaudio-utils libasound2-plugins ffmpeg python3 espeak-ng
  dbus systemd playerctl
  # benchmark
  mpv time
)

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
