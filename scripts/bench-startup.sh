#!/usr/bin/env bash
# Start-up and import, whole processes, measured in one run:
#  - `avqa-lens --version` (no LibTorch) and `avqa-lens-full --version` (links the models
#    layer), beside empty programs linked to Qt, FFmpeg and FluidSynth alone: what the
#    libraries cost before any of our code runs;
#  - importing a 50,000-record MUSIC-AVQA file into a new project, beside a plain Python
#    json + sqlite3 import of the same file (one table, one transaction).
# Median wall time of N runs (default 10) and the peak resident memory.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${AVQA_BUILD_DIR:-build}"
runs="${1:-10}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo 'int main(void) { return 0; }' >"$work/empty.c"
link_empty() {  # name, pkg-config modules...
  local name=$1; shift
  gcc "$work/empty.c" -o "$work/$name" -Wl,--no-as-needed $(pkg-config --libs "$@")
}
link_empty qt-core Qt6Core
link_empty qt-gui Qt6Gui
link_empty ffmpeg libavformat libavcodec libswscale libswresample libavutil
link_empty fluidsynth fluidsynth
measure() {  # label, command...
  local label=$1; shift
  /usr/bin/python3 - "$runs" "$label" "$@" <<'PY'
import resource, statistics, subprocess, sys, time
runs, label, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times, peak = [], 0
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - start) * 1000)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print("%-52s %8.1f ms  %6.1f MiB peak" % (label, statistics.median(times), peak))
PY
}
echo "start-up (median of $runs):"
measure "empty program linked to Qt6Core" "$work/qt-core"
measure "empty program linked to Qt6Gui" "$work/qt-gui"
measure "empty program linked to FFmpeg (5 libraries)" "$work/ffmpeg"
measure "empty program linked to FluidSynth" "$work/fluidsynth"
measure "avqa-lens --version" "$build/app/avqa-lens" --version
measure "avqa-lens-full --version (LibTorch, Qt Widgets)" "$build/app/avqa-lens-full" --version

"$build/app/avqa-lens" example-questions --out "$work/avqa-50k.json" --records 50000 >/dev/null
cat >"$work/python_import.py" <<'PY'
import json, sqlite3, sys
records = json.load(open(sys.argv[1], encoding="utf-8"))
db = sqlite3.connect(sys.argv[2])
db.execute("CREATE TABLE questions(id INTEGER PRIMARY KEY, question_id TEXT, video_id TEXT, type TEXT, "
           "question_content TEXT, templ_values TEXT, anser TEXT, record TEXT)")
with db:
    db.executemany("INSERT INTO questions(question_id, video_id, type, question_content, templ_values, anser, record) "
                   "VALUES(?, ?, ?, ?, ?, ?, ?)",
                   ((str(r.get("question_id")), r.get("video_id"), r.get("type"), r.get("question_content"),
                     json.dumps(r.get("templ_values")), r.get("anser"), json.dumps(r)) for r in records))
db.close()
PY
echo "import of a 50,000-record file into a new project (median of $runs, whole process):"
measure "avqa-lens import" bash -c "rm -f '$work/p.avqa'* && '$build/app/avqa-lens' import '$work/p.avqa' --music-avqa '$work/avqa-50k.json'"
measure "python3 json + sqlite3" bash -c "rm -f '$work/p.sqlite' && /usr/bin/python3 '$work/python_import.py' '$work/avqa-50k.json' '$work/p.sqlite'"
