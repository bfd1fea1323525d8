#!/usr/bin/env bash
# Installs the Debian 12 packages AVQA Lens builds, runs and tests with. Idempotent.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  qt6-base-dev libqt6sql6-sqlite libqt6opengl6-dev qt6-multimedia-dev qt6-charts-dev libgl1-mesa-dri libglx-mesa0
  libsqlite3-dev libsimdjson-dev nlohmann-json3-dev libcli11-dev
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev
  libfluidsynth-dev timgm6mb-soundfont libespeak-ng-dev espeak-ng-data libfftw3-dev
  libtorch-dev libopenblas0-pthread python3-torch python3-numpy
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 xvfb xauth xdotool imagemagick ffmpeg
  postgresql libpq-dev
  clang-14 libclang-rt-14-dev llvm-14
)

if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "install-deps: run as root or install sudo" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update
"${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${packages[@]}"
