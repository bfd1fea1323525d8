#!/usr/bin/env bash
# Builds and runs the Google Benchmark targets (not part of the test run).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
bench_dir="${AVQA_BUILD_DIR:-build}/tests/bench"
"$bench_dir/avqa_bench_import_export" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true "$@"
"$bench_dir/avqa_bench_synth" "$@"
"$bench_dir/avqa_bench_workspace" "$@"
"$bench_dir/avqa_bench_ask" "$@"
"$bench_dir/avqa_bench_builtin" "$@"
# The overlay paint needs a display (OpenGL through Mesa under Xvfb when there is none).
xvfb-run -a -s "-screen 0 1920x1080x24" "$bench_dir/avqa_bench_paint" "$@"
xvfb-run -a -s "-screen 0 1920x1080x24" "$bench_dir/avqa_bench_workspace_edit" "$@"
