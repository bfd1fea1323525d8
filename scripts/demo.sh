#!/usr/bin/env bash
# The README's main command: builds AVQA Lens and opens its window on the demo when there is a
# display. Without one (or with AVQA_HEADLESS=1) it runs the headless demo: it generates the synthetic music-performance benchmark, imports and analyses it, shows a
# contact sheet, asks the shipped AV-Master and evaluates it on the test split, stores and
# compares runs of two shipped models, audits one's attention, renders an answer as MP4, and walks a MUSIC-AVQA-style
# file through predictions, table and export.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${AVQA_SKIP_INSTALL:-0}" != 1 ]; then scripts/install-deps.sh; fi
scripts/build.sh
lens="$PWD/${AVQA_BUILD_DIR:-build}/app/avqa-lens"
# With a display: the GUI on the demo (made on first run), the shipped AV-Master loaded.
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${AVQA_HEADLESS:-0}" != 1 ] && [ "${CI:-}" != true ]; then
  exec "$lens"
fi
demo_dir=${AVQA_DEMO_DIR:-$PWD/out/demo}
rm -rf "$demo_dir"
mkdir -p "$demo_dir"

step() { printf '\n$ %s\n' "$*"; "$@"; }
step "$lens" synth --out "$demo_dir/benchmark" --seed 7
for split in train val test; do
  step "$lens" import "$demo_dir/benchmark.avqa" --music-avqa "$demo_dir/benchmark/avqa-$split.json"
done
step "$lens" stats "$demo_dir/benchmark.avqa" --split test
step "$lens" contact-sheet --out "$demo_dir/benchmark-contact-sheet.png" \
  "$demo_dir"/benchmark/videos/0000000{1,2,3,4,5,6,7,8}.mp4

# The shipped AV-Master answers a question about a benchmark video, then the whole test split.
step "$lens" ask --model models/weights/avmaster.avqamodel --video "$demo_dir/benchmark/videos/00000001.mp4" \
  --cache "$demo_dir/feature-cache" "How many instruments are sounding in the video?"
step "$lens" eval --model models/weights/avmaster.avqamodel --data "$demo_dir/benchmark" --split test

# Two shipped models as stored runs of the project, compared; one answer rendered as a video.
step "$lens" run "$demo_dir/benchmark.avqa" --model models/weights/avst.avqamodel --split test --run avst \
  --videos "$demo_dir/benchmark/videos"
step "$lens" run "$demo_dir/benchmark.avqa" --model models/weights/pstp.avqamodel --split test --run pstp \
  --videos "$demo_dir/benchmark/videos"
step "$lens" compare "$demo_dir/benchmark.avqa" avst pstp --format markdown
# Is the attention right? From the maps stored with the run, against the benchmark's evidence.
step "$lens" audit "$demo_dir/benchmark.avqa" --run avst --ground-truth "$demo_dir/benchmark/groundtruth.json"
step "$lens" render --model models/weights/avst.avqamodel --video "$demo_dir/benchmark/videos/00000001.mp4" \
  --out "$demo_dir/attention.mp4" --map sound "How many instruments are sounding in the video?"

step "$lens" example-questions --out "$demo_dir/avqa-example.json" --records 3000 --seed 7 \
  --predictions "$demo_dir/example-predictions.tsv" --accuracy 0.7
step "$lens" import "$demo_dir/example.avqa" --music-avqa "$demo_dir/avqa-example.json"
step "$lens" import-predictions "$demo_dir/example.avqa" "$demo_dir/example-predictions.tsv" --run demo-run
step "$lens" table "$demo_dir/example.avqa" --run demo-run
step "$lens" export "$demo_dir/example.avqa" --split example --out "$demo_dir/avqa-example.exported.json"
step cmp "$demo_dir/avqa-example.json" "$demo_dir/avqa-example.exported.json"
echo
echo "Byte-identical export. Benchmark: $demo_dir/benchmark (contact sheet: $demo_dir/benchmark-contact-sheet.png," \
  "an answer as video: $demo_dir/attention.mp4)"
