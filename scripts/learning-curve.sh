#!/usr/bin/env bash
# The README's learning curve, regenerated: one head per training-set size (the first N training
# videos of one cached benchmark, the same encoders), each evaluated on every split of a fresh
# benchmark with a seed none saw, and the table made from `eval --json` by
# shipped-models-table.py --curve. "all" trains on every training video; a model file given
# instead of N is evaluated as it is (the shipped head, trained on all of them). More train
# flags (e.g. --swap-comparisons) go in AVQA_TRAIN_FLAGS.
# Usage: scripts/learning-curve.sh DATA ENCODERS.avqamodel CACHE_DIR ARCH EPOCHS N|all|FILE [...]
# e.g.   scripts/learning-curve.sh data/synth3000 data/encoders.avqamodel data/cache avst 26 300 600 1200 all
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 6 ]; then sed -n 2,9p "$0"; exit 2; fi
data="$1" encoders="$2" cache="$3" arch="$4" epochs="$5"
shift 5
seed="${AVQA_FRESH_SEED:-4242}"
source scripts/fresh-benchmark.sh
fresh_benchmark "$seed"
pairs=()
for videos in "$@"; do
  name=$(basename "$videos" .avqamodel)
  model="$videos"
  if [ ! -f "$videos" ]; then
    model="$work_dir/$arch-$name.avqamodel"
    subset=()
    [ "$videos" = all ] || subset=(--train-videos "$videos")
    "$exe" train --data "$data" --encoders "$encoders" --feature-cache "$cache" --batch-size 128 --lr 0.002 --seed 1 \
      --arch "$arch" --epochs "$epochs" "${subset[@]}" ${AVQA_TRAIN_FLAGS:-} --out "$model" >"$work_dir/train-$name.log" 2>&1 ||
      { cat "$work_dir/train-$name.log" >&2; exit 1; }
  fi
  pairs+=("$(eval_all_splits "$model" "$arch-$name")")
done
echo "$arch, $epochs epochs, on the first N training videos of $data; fresh benchmark: synth --videos 150 --seconds 10 --seed $seed"
scripts/shipped-models-table.py --curve "${pairs[@]}"
