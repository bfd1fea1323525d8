#!/usr/bin/env bash
# `eval` with a contract model over .npy features at demo scale (the benchmark's 60 ten-second
# videos, test split): questions per second of the whole command, for the same TorchScript
# model saved once as a single-question model and once with "batch": true (one forward per
# video's questions), measured in the same run, on one and on two torch threads.
set -euo pipefail
cd "$(dirname "$0")/.."
exe="${AVQA_BUILD_DIR:-build}/app/avqa-lens"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$exe" synth --out "$work/demo" --videos 60 --seconds 10 --seed 5 >/dev/null
# torch.jit.script reads the module's source: the maker is a file, not a here-document on stdin.
cat >"$work/make_model.py" <<'PY'
import json, os, sys
import numpy as np
import torch
from torch import Tensor
from typing import Dict

work, answers_file = sys.argv[1], sys.argv[2]
torch.manual_seed(0)
VOCAB = ["<pad>", "<unk>"] + "is there a the violin how many instruments sounding in video which sounds first".split()


class PstpLike(torch.nn.Module):  # PSTP-Net-shaped: question-guided temporal and spatial attention
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(len(VOCAB), 512)
        self.question = torch.nn.LSTM(512, 512, batch_first=True)
        self.audio = torch.nn.Linear(128, 512)
        self.visual = torch.nn.Linear(512, 512)
        self.patch = torch.nn.Linear(512, 512)
        self.head = torch.nn.Linear(1024, 42)

    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        words, _ = self.question(self.embed(question))
        q = words[:, -1]
        a = self.audio(audio)
        v = self.visual(visual)
        temporal = torch.softmax((a + v) @ q.unsqueeze(2) / 22.6, dim=1).squeeze(2)
        p = self.patch(patches)
        spatial = torch.softmax((p @ q[:, None, :, None]).squeeze(3) / 22.6, dim=2)
        attended = (spatial.unsqueeze(3) * p).sum(2) + a
        pooled = (temporal.unsqueeze(2) * attended).sum(1)
        return {"logits": self.head(torch.cat([pooled, q], dim=1)), "temporal": temporal, "spatial": spatial}


answers = json.load(open(answers_file))["ans2ix"]
meta = {"format": "avqa-model/2", "name": "pstp-like-demo", "answers": sorted(answers, key=answers.get),
        "time_steps": 10, "stride_s": 1,
        "question": {"kind": "tokens", "vocab": VOCAB, "max_len": 14, "lowercase": True},
        "features": {"audio": {"dim": 128, "kind": "vggish"}, "visual": {"dim": 512, "kind": "clip-vit-b32"},
                     "patches": {"dim": 512, "grid": [7, 7], "crop": "center-square", "kind": "clip-vit-b32"}}}
scripted = torch.jit.script(PstpLike().eval())
for name, batch in (("single", False), ("batched", True)):
    torch.jit.save(scripted, os.path.join(work, name + ".pt"), _extra_files={"avqa.json": json.dumps(dict(meta, batch=batch))})
for kind in ("vggish", "clip_vit_b32"):
    os.makedirs(os.path.join(work, "demo", "features", kind), exist_ok=True)
for video in os.listdir(os.path.join(work, "demo", "videos")):
    stem = os.path.splitext(video)[0]
    np.save(os.path.join(work, "demo", "features", "vggish", stem + ".npy"), np.random.rand(10, 128).astype(np.float32))
    np.save(os.path.join(work, "demo", "features", "clip_vit_b32", stem + ".npy"), np.random.rand(10, 50, 512).astype(np.float16))
PY
/usr/bin/python3 "$work/make_model.py" "$work" core/data/answer2idx.json
questions=$(/usr/bin/python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$work/demo/avqa-test.json")
echo "eval over $questions test questions of 60 videos, .npy features, whole command (median of 3):"
for threads in 1 2; do
  for model in single batched; do
    /usr/bin/python3 - "$exe" "$work" "$model" "$questions" "$threads" <<'PY'
import json, os, statistics, subprocess, sys, time
exe, work, model, questions, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
env = dict(os.environ)
times, answering = [], []
for _ in range(3):
    start = time.perf_counter()
    out = subprocess.run([exe, "eval", "--model", os.path.join(work, model + ".pt"), "--data", os.path.join(work, "demo"), "--split", "test", "--threads", threads,
                    "--json"], stdout=subprocess.PIPE, check=True, env=env).stdout
    times.append(time.perf_counter() - start)
    answering.append(json.loads(out)["timing_s"]["questions_per_s"])
median = statistics.median(times)
print("  %-8s %s thread(s): whole command %.2f s (%.0f questions/s); answering %.0f questions/s"
      % (model, threads, median, questions / median, statistics.median(answering)))
PY
  done
done
