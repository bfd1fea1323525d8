#!/usr/bin/env bash
# The README's test command: installs dependencies, builds, runs every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${AVQA_SKIP_INSTALL:-0}" != 1 ]; then scripts/install-deps.sh; fi
scripts/build.sh
build_dir=${AVQA_BUILD_DIR:-build}
# Test programs that link LibTorch get the OpenMP wait policy the avqa-lens launcher gives
# the app (app/main.cpp): spinning idle threads starve the other test running beside them.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}
ctest --test-dir "$build_dir" --output-on-failure --parallel "$(nproc)" --timeout 600
