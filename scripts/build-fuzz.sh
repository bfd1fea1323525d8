#!/usr/bin/env bash
# Configures and builds the torch-free libraries, their suites and the fuzz targets with
# clang-14, ASan and UBSan into $AVQA_FUZZ_BUILD_DIR (default build-fuzz/).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${AVQA_FUZZ_BUILD_DIR:-build-fuzz}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAVQA_BUILD_FUZZERS=ON \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
