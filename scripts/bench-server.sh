#!/usr/bin/env bash
# Team mode on a throwaway PostgreSQL 15 cluster on loopback (tests/support/pg-cluster.sh,
# fsync on as on a real server), each figure beside its peer in the same run:
#   push and pull of a 50,000-question project, beside psql's own \copy of the same questions
#   table as CSV (the server's bulk-load floor);
#   avqa_bench_server: an edit's round trip, reading the question rows, an edit shown in
#   another window, each on a project file and on the server.
set -euo pipefail
cd "$(dirname "$0")/.."
exe=${AVQA_BUILD_DIR:-build}/app/avqa-lens
records=${1:-50000}
work=$(mktemp -d)
pg_dir=/tmp/avqa-bench-pg-$$
trap 'tests/support/pg-cluster.sh stop "$pg_dir"; rm -rf "$work"' EXIT
AVQA_PG_FSYNC=on tests/support/pg-cluster.sh start "$pg_dir"
url=$(cat "$pg_dir/url")
"$exe" example-questions --out "$work/q.json" --records "$records" --seed 7 --predictions "$work/p.tsv" >/dev/null
"$exe" import "$work/p.avqa" --music-avqa "$work/q.json" --split test >/dev/null
"$exe" import-predictions "$work/p.avqa" "$work/p.tsv" --run r1 --split test >/dev/null
ls -l "$work/p.avqa" | awk '{printf "project file: %.1f MB\n", $5 / 1e6}'
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); python3 -c "print(round($end - $start, 3))"; }
for i in 1 2 3; do
  echo "push  $records questions: $(seconds "$exe" push --replace "$work/p.avqa" "$url?project=bench") s"
  rm -f "$work/pulled.avqa"
  echo "pull  $records questions: $(seconds "$exe" pull "$url?project=bench" "$work/pulled.avqa") s"
done
# The peer: the questions table alone as CSV through psql's \copy into a plain table.
python3 - "$work/p.avqa" "$work/questions.csv" <<'PY'
import csv, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("SELECT id, split_id, position, video_id, template_id, question_id, templ_values, answer FROM questions")
csv.writer(open(sys.argv[2], "w", newline="")).writerows(rows)
PY
psql -q -X "$url" -c "CREATE TABLE IF NOT EXISTS peer(id BIGINT, split_id BIGINT, position BIGINT, video_id BIGINT, template_id BIGINT, question_id TEXT, templ_values TEXT, answer TEXT)"
for i in 1 2 3; do
  psql -q -X "$url" -c "TRUNCATE peer"
  echo "psql \\copy of the questions table alone (CSV): $(seconds psql -q -X "$url" -c "\\copy peer FROM '$work/questions.csv' WITH (FORMAT csv)") s"
done
AVQA_BENCH_PG_URL="$url" "${AVQA_BUILD_DIR:-build}/tests/bench/avqa_bench_server"
