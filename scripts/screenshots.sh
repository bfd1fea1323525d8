#!/usr/bin/env bash
# Regenerates the README's screenshots in docs/ from the real windows, under Xvfb: the UI
# tests that look at them save what they see when AVQA_SCREENSHOT_DIR is set.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
out_dir="${1:-docs}"
mkdir -p "$out_dir"
AVQA_SCREENSHOT_DIR="$(realpath "$out_dir")" xvfb-run -a -s "-screen 0 1280x1024x24" \
  "${AVQA_BUILD_DIR:-build}/tests/avqa_ui_tests" \
  --gtest_filter='Inspector.*:DemoStartup.FirstRun*:MainWindow.DatasetDock*:Workspace.*:*TeamWorkspace.Agreement*/File:*TeamWorkspace.Blind*/File'
# A frame of `render --out FILE.mp4` (the shipped AVST on a generated video).
work_dir=$(mktemp -d)
trap 'rm -rf "$work_dir"' EXIT
exe="${AVQA_BUILD_DIR:-build}/app/avqa-lens"
"$exe" synth --out "$work_dir/bench" --videos 3 --seconds 8 --seed 4 >/dev/null
"$exe" render --model models/weights/avst.avqamodel --video "$work_dir/bench/videos/00000001.mp4" \
  --out "$work_dir/attention.mp4" --map sound "How many instruments are sounding in the video?"
"$exe" contact-sheet --out "$out_dir/render-frame.png" --time 3.5 "$work_dir/attention.mp4" >/dev/null
ls -l "$out_dir"/*.png
