#!/usr/bin/env bash
# Head training with --workers 1 and --workers 2, measured in the same run: one benchmark
# (`synth`, VIDEOS videos, default 600), the shipped encoder pair (features encoded once into a
# cache both runs read), then EPOCHS head epochs (default 3) of each architecture in ARCHS
# (default all four) with the shipped recipes' batch and rate. Prints each run's head time
# (what the model file records as head_seconds) and best validation accuracy.
# Run it with nothing else on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
exe=$PWD/${AVQA_BUILD_DIR:-build}/app/avqa-lens
encoders=$PWD/models/weights/avst.avqamodel
videos=${VIDEOS:-600}
epochs=${EPOCHS:-3}
archs=${ARCHS:-avst pstp avmaster avunified}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$exe" synth --out "$work/data" --videos "$videos" --seed 7 >/dev/null
common=(--data "$work/data" --encoders "$encoders" --feature-cache "$work/cache" --batch-size 128 --lr 0.002 --seed 1)
# Fills the cache, so that neither measured run decodes or encodes a video.
"$exe" train "${common[@]}" --arch avmaster --epochs 1 --out "$work/warm.avqamodel" >/dev/null 2>&1
printf '%-10s %8s %14s %14s\n' arch workers head_seconds val_accuracy
for arch in $archs; do
  for workers in 1 2; do
    out=$work/$arch-$workers.avqamodel
    "$exe" train "${common[@]}" --arch "$arch" --epochs "$epochs" --workers "$workers" --out "$out" >/dev/null 2>&1
    python3 - "$out" "$arch" "$workers" <<'PY'
import json, sys
raw = open(sys.argv[1], 'rb').read()
start = raw.index(b'{"format"')
meta, _ = json.JSONDecoder().raw_decode(raw[start:].decode('utf-8', 'replace'))
training = meta['training']
print(f"{sys.argv[2]:<10} {sys.argv[3]:>8} {training['head_seconds']:>14} {training['val_accuracy']:>14}")
PY
  done
done
