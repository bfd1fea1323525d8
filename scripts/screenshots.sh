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
  --gtest_filter='Inspector.*:DemoStartup.FirstRun*:MainWindow.DatasetDock*:Workspace.*'
ls -l "$out_dir"/*.png
