#!/usr/bin/env bash
# The README's shipped-model table, regenerated: a fresh benchmark with a seed the models were
# not trained on, `eval --json` of every shipped model on its test split and on its other two
# splits (no model saw any of its 150 videos, and the test split alone holds only about 20 of
# them), and the table made from those outputs by shipped-models-table.py.
# Usage: scripts/shipped-models.sh [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
seed="${1:-4242}"
source scripts/fresh-benchmark.sh
fresh_benchmark "$seed"
pairs=()
for model in avst pstp avmaster avunified; do
  file="models/weights/$model.avqamodel"
  [ -f "$file" ] || continue
  pairs+=("$(eval_all_splits "$file" "$model")")
done
echo "Fresh benchmark: synth --videos 150 --seconds 10 --seed $seed: test split, and all three splits"
scripts/shipped-models-table.py "${pairs[@]}"
