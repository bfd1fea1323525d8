# Sourced by shipped-models.sh and learning-curve.sh: a fresh benchmark with a seed no model
# was trained on, and a model scored on its three splits.
# fresh_benchmark SEED          -> sets exe and work_dir (removed on exit), writes $work_dir/fresh
# eval_all_splits MODEL NAME    -> prints MODEL=TEST.json,TRAIN.json,VAL.json (test first: the
#                                  table reads it alone, then all three together)
fresh_benchmark() {
  exe="${AVQA_BUILD_DIR:-build}/app/avqa-lens"
  work_dir=$(mktemp -d)
  trap 'rm -rf "$work_dir"' EXIT
  "$exe" synth --out "$work_dir/fresh" --videos 150 --seconds 10 --seed "$1" >/dev/null
}

eval_all_splits() {
  local model="$1" name="$2" split evals=()
  for split in test train val; do
    "$exe" eval --json --model "$model" --data "$work_dir/fresh" --split "$split" >"$work_dir/$name-$split.json" || return 1
    evals+=("$work_dir/$name-$split.json")
  done
  (IFS=,; echo "$model=${evals[*]}")
}
