#!/usr/bin/env bash
# The README's shipped-model table, regenerated: a fresh benchmark with a seed the models were
# not trained on, `eval --json` of every shipped model on its test split, and the table made
# from those outputs by shipped-models-table.py. Usage: scripts/shipped-models.sh [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
seed="${1:-4242}"
exe="${AVQA_BUILD_DIR:-build}/app/avqa-lens"
work_dir=$(mktemp -d)
trap 'rm -rf "$work_dir"' EXIT
"$exe" synth --out "$work_dir/fresh" --videos 150 --seconds 10 --seed "$seed" >/dev/null
pairs=()
for model in avst pstp avmaster avunified; do
  file="models/weights/$model.avqamodel"
  [ -f "$file" ] || continue
  "$exe" eval --json --model "$file" --data "$work_dir/fresh" --split test >"$work_dir/$model.json"
  pairs+=("$file=$work_dir/$model.json")
done
echo "Fresh benchmark: synth --videos 150 --seconds 10 --seed $seed, test split"
scripts/shipped-models-table.py "${pairs[@]}"
