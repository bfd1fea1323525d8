#!/usr/bin/env bash
# The README's main command. For now AVQA Lens is its command line: this builds it and walks
# through a generated MUSIC-AVQA-style example (import, stats, predictions, table, export).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${AVQA_SKIP_INSTALL:-0}" != 1 ]; then scripts/install-deps.sh; fi
scripts/build.sh
lens="$PWD/${AVQA_BUILD_DIR:-build}/app/avqa-lens"
demo_dir=${AVQA_DEMO_DIR:-$PWD/out/demo}
mkdir -p "$demo_dir"
rm -f "$demo_dir/demo.avqa" "$demo_dir/demo.avqa-wal" "$demo_dir/demo.avqa-shm"

step() { printf '\n$ %s\n' "$*"; "$@"; }
step "$lens" example-questions --out "$demo_dir/avqa-demo.json" --records 3000 --seed 7 \
  --predictions "$demo_dir/demo-predictions.tsv" --accuracy 0.7
step "$lens" import "$demo_dir/demo.avqa" --music-avqa "$demo_dir/avqa-demo.json"
step "$lens" stats "$demo_dir/demo.avqa" --split demo
step "$lens" import-predictions "$demo_dir/demo.avqa" "$demo_dir/demo-predictions.tsv" --run demo-run
step "$lens" table "$demo_dir/demo.avqa" --run demo-run
step "$lens" export "$demo_dir/demo.avqa" --split demo --out "$demo_dir/avqa-demo.exported.json"
step cmp "$demo_dir/avqa-demo.json" "$demo_dir/avqa-demo.exported.json"
echo "The export is byte-identical to the imported file. Project: $demo_dir/demo.avqa"
