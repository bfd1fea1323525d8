#!/usr/bin/env bash
# One-shot `avqa-lens ask` on a PSTP-Net-sized contract model (T=60, 7x7x512 CLIP patches,
# features on disk) against the same TorchScript file's warm forward in Python on one
# thread, measured in the same run. Prints the inference figure `ask --json` reports
# (timing_ms.inference) for N one-shot runs, and Python's median warm forward.
set -euo pipefail
cd "$(dirname "$0")/.."
exe="${AVQA_BUILD_DIR:-build}/app/avqa-lens"
runs="${1:-5}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 tests/bench/make_bench_model.py "$work" core/data/answer2idx.json
# A 60 s video named like the feature files (its frames are never read: features come from .npy).
"$exe" synth --out "$work/synth" --videos 1 --seconds 60 --seed 3 >/dev/null
cp "$work/synth/videos/"*.mp4 "$work/bench.mp4"
echo "one-shot ask (new process each), timing_ms.inference:"
for _ in $(seq "$runs"); do
  "$exe" ask --model "$work/pstp-like.pt" --video "$work/bench.mp4" --features "$work/features" --cache "$work/cache" --json \
    "Which instrument sounds first in the video?" | /usr/bin/python3 -c 'import json,sys; t=json.load(sys.stdin)["timing_ms"]; print("  %.1f ms" % t["inference"])'
done
echo "one-shot ask --saliency (new process each): inference, saliency (gradient x input), ratio:"
for _ in $(seq "$runs"); do
  "$exe" ask --model "$work/pstp-like.pt" --video "$work/bench.mp4" --features "$work/features" --cache "$work/cache" --json --saliency \
    "Which instrument sounds first in the video?" |
    /usr/bin/python3 -c 'import json,sys; t=json.load(sys.stdin)["timing_ms"]; print("  %.1f ms  %.1f ms  %.2fx" % (t["inference"], t["saliency"], t["saliency"] / t["inference"]))'
done
/usr/bin/python3 - "$work/pstp-like.pt" <<'PY'
import statistics, sys, time
import torch
torch.set_num_threads(1)
model = torch.jit.load(sys.argv[1]).eval()
audio, visual = torch.rand(1, 60, 128), torch.rand(1, 60, 512)
patches, question = torch.rand(1, 60, 49, 512), torch.randint(1, 10, (1, 14))
with torch.inference_mode():
    for _ in range(5):
        model(audio, visual, patches, question)
    times = []
    for _ in range(20):
        start = time.perf_counter()
        model(audio, visual, patches, question)
        times.append((time.perf_counter() - start) * 1000)
print("python warm forward, one thread, median of 20: %.1f ms" % statistics.median(times))
# The same gradient x input in Python (what Captum's InputXGradient computes), warm.
times = []
for _ in range(10):
    a, v, p = (x.clone().requires_grad_(True) for x in (audio, visual, patches))
    start = time.perf_counter()
    logits = model(a, v, p, question)["logits"]
    grads = torch.autograd.grad(logits[0, logits[0].argmax()], [a, v, p])
    maps = [(g * x).sum(-1).abs() for g, x in zip(grads, (a, v, p))]
    times.append((time.perf_counter() - start) * 1000)
print("python warm gradient x input (forward + backward), one thread, median of 10: %.1f ms" % statistics.median(times))
PY
