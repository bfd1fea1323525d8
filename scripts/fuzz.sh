#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, ASan + UBSan) and runs each for SECONDS (default 60)
# on a copy of its seed corpus. Crashes land in $AVQA_FUZZ_BUILD_DIR/crashes/<target>/; copy
# one into tests/fuzz/regressions/<target>/ once fixed, so every build replays it.
#   scripts/fuzz.sh [SECONDS] [TARGET...]   (default 60 s, every target)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
build_dir=${AVQA_FUZZ_BUILD_DIR:-build-fuzz}
# AVQA_FUZZ_SKIP_BUILD=1: the targets are built already (two runs side by side, one core each).
if [ "${AVQA_FUZZ_SKIP_BUILD:-0}" != 1 ]; then scripts/build-fuzz.sh; fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=($(ls tests/fuzz/corpus))
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=0
for target in "${targets[@]}"; do
  work="$build_dir/corpus/$target"
  crashes="$build_dir/crashes/$target"
  mkdir -p "$work" "$crashes"
  cp -n tests/fuzz/corpus/"$target"/* "$work"/ 2>/dev/null || true
  log="$build_dir/fuzz-$target.log"
  # -rss_limit_mb: a reader that allocates gigabytes for a small input is a finding too.
  # AVQA_FUZZ_SEED: 0 (default) a new random seed each run; CI fixes one so that a landing
  # does not depend on luck (the long local runs keep finding new inputs).
  if "$build_dir/tests/fuzz/fuzz_$target" -seed="${AVQA_FUZZ_SEED:-0}" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
       -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" "$work" tests/fuzz/regressions/"$target" \
       >"$log" 2>&1; then
    status=ok
  else
    status=FAILED
    failed=1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz $target: $status, $execs inputs in ${seconds}s, corpus $(ls "$work" | wc -l) files"
  if [ "$status" = FAILED ]; then grep -m 20 -E 'ERROR|SUMMARY|Test unit written|#[0-9]+ 0x' "$log" || tail -20 "$log"; fi
done
exit $failed
