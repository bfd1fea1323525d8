#!/usr/bin/env bash
# Run workers on a throwaway PostgreSQL 15 cluster on loopback (fsync on): one worker, then
# two, over the same 60-video split with the shipped AVST model (encoders included: a model
# heavy enough to measure), one torch thread each (OpenBLAS's pool included) and a fresh
# feature cache per run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
exe=$PWD/${AVQA_BUILD_DIR:-build}/app/avqa-lens
model=$PWD/models/weights/avst.avqamodel
work=$(mktemp -d)
pg_dir=/tmp/avqa-bench-workers-pg-$$
trap '"$root"/tests/support/pg-cluster.sh stop "$pg_dir"; rm -rf "$work"' EXIT
AVQA_PG_FSYNC=on tests/support/pg-cluster.sh start "$pg_dir"
url=$(cat "$pg_dir/url")
cd "$work"
"$exe" synth --out bench --videos 80 --seconds 10 --seed 41 >/dev/null
"$exe" import p.avqa --music-avqa bench/avqa-train.json >/dev/null
"$exe" push p.avqa "$url?project=workers" >/dev/null
videos=$(python3 -c "import json; print(len({r['video_id'] for r in json.load(open('bench/avqa-train.json'))}))")
questions=$(python3 -c "import json; print(len(json.load(open('bench/avqa-train.json'))))")
echo "split train: $videos videos, $questions questions"
run_workers() {  # $1 workers, $2 run name; prints seconds
  local start end
  start=$(date +%s.%N)
  for i in $(seq "$1"); do
    AVQA_CACHE_DIR="$work/cache-$2" "$exe" run "$url?project=workers" --model "$model" --split train --run "$2" --worker \
      --threads 1 --videos bench/videos >/dev/null &
  done
  wait
  end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 2))"
}
for round in 1 2; do
  one=$(run_workers 1 "one-$round")
  two=$(run_workers 2 "two-$round")
  echo "round $round: 1 worker $one s, 2 workers $two s, speed-up $(python3 -c "print(round($one / $two, 2))")x"
done
psql -At "$url" -c "SELECT r.name, count(p.*), count(DISTINCT p.question_row) FROM avqa_project_workers.runs r JOIN avqa_project_workers.predictions p ON p.run_id = r.id GROUP BY r.name ORDER BY r.name"
