#!/usr/bin/env bash
# The attention audit's speed on a split of about 1,400 questions: `audit` from stored maps,
# and `audit --perturb` (swap, silence, deletions) for the shipped AVST with cached features.
#   scripts/bench-audit.sh [WORK_DIR]      (default out/bench-audit; kept for reruns)
set -euo pipefail
cd "$(dirname "$0")/.."
exe="${AVQA_BUILD_DIR:-build}/app/avqa-lens"
work=${1:-out/bench-audit}
mkdir -p "$work"
if [ ! -f "$work/data/avqa-test.json" ]; then
  /usr/bin/time -f "synth: %e s" "$exe" synth --out "$work/data" --videos "${AVQA_BENCH_VIDEOS:-125}" --seconds 10 --seed 31 --questions-per-video 40 >/dev/null
fi
project="$work/bench.avqa"
rm -f "$project" "$project-wal" "$project-shm"
"$exe" import "$project" --music-avqa "$work/data/avqa-train.json" --split train >/dev/null
questions=$("$exe" stats "$project" --split train --json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["records"])' 2>/dev/null || echo "?")
echo "split train: $questions questions"
export AVQA_CACHE_DIR="$work/cache"
/usr/bin/time -f "run (AVST, features computed and cached): %e s" \
  "$exe" run "$project" --model models/weights/avst.avqamodel --split train --run avst --videos "$work/data/videos" >/dev/null
for i in 1 2 3; do
  /usr/bin/time -f "audit from stored maps against the benchmark's evidence: %e s" \
    "$exe" audit "$project" --run avst --ground-truth "$work/data/groundtruth.json" >/dev/null
done
/usr/bin/time -f "audit --perturb, first (silence features computed): %e s" \
  "$exe" audit "$project" --run avst --perturb --videos "$work/data/videos" >/dev/null
# Again with every feature cached: the checks are dropped, not the cache.
/usr/bin/python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM perturbation_checks'); c.commit()" "$project"
/usr/bin/time -f "audit --perturb, every feature cached (6 extra forwards a question): %e s" \
  "$exe" audit "$project" --run avst --perturb --videos "$work/data/videos" >/dev/null
/usr/bin/time -f "audit --version (process start, LibTorch load): %e s" "$exe" --version >/dev/null
