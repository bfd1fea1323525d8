#!/usr/bin/python3
"""A PSTP-Net-sized contract model for the ask benchmark: T=60, 7x7 CLIP patches of 512-D,
question-guided temporal and spatial attention, written with Debian's python3-torch."""
import json
import os
import sys

import numpy as np
import torch
from torch import Tensor
from typing import Dict

out = sys.argv[1]
os.makedirs(os.path.join(out, "features", "vggish"), exist_ok=True)
os.makedirs(os.path.join(out, "features", "clip-vit-b32"), exist_ok=True)
torch.manual_seed(0)
VOCAB = ["<pad>", "<unk>"] + "is there a the violin how many instruments sounding in video which sounds first".split()


class PstpLike(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(len(VOCAB), 512)
        self.question = torch.nn.LSTM(512, 512, batch_first=True)
        self.audio = torch.nn.Linear(128, 512)
        self.visual = torch.nn.Linear(512, 512)
        self.patch = torch.nn.Linear(512, 512)
        self.fusion = torch.nn.TransformerEncoderLayer(512, 8, 1024, batch_first=True)
        self.head = torch.nn.Linear(1024, 42)

    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        words, _ = self.question(self.embed(question))
        q = words[:, -1]                                               # [B,512]
        a = self.audio(audio)                                          # [B,T,512]
        v = self.visual(visual)
        temporal = torch.softmax((a + v) @ q.unsqueeze(2) / 22.6, dim=1).squeeze(2)   # [B,T]
        p = self.patch(patches)                                        # [B,T,M,512]
        spatial = torch.softmax((p @ q[:, None, :, None]).squeeze(3) / 22.6, dim=2)  # [B,T,M]
        sound = torch.softmax((p @ a.unsqueeze(3)).squeeze(3) / 22.6, dim=2)
        attended = (spatial.unsqueeze(3) * p).sum(2) + a               # [B,T,512]
        fused = self.fusion(attended)
        pooled = (temporal.unsqueeze(2) * fused).sum(1)
        logits = self.head(torch.cat([pooled, q], dim=1))
        top = temporal.topk(6, dim=1).indices
        selected = torch.zeros_like(temporal).scatter(1, top, 1.0)
        return {"logits": logits, "temporal": temporal, "temporal_selected": selected,
                "spatial": spatial, "sound_spatial": sound}


answers = json.load(open(sys.argv[2]))["ans2ix"]
meta = {"format": "avqa-model/1", "name": "pstp-like-bench", "answers": sorted(answers, key=answers.get),
        "time_steps": 60, "stride_s": 1,
        "question": {"kind": "tokens", "vocab": VOCAB, "max_len": 14, "lowercase": True},
        "features": {"audio": {"dim": 128, "kind": "vggish"}, "visual": {"dim": 512, "kind": "clip-vit-b32"},
                     "patches": {"dim": 512, "grid": [7, 7], "crop": "center-square", "kind": "clip-vit-b32"}}}
model = PstpLike().eval()
torch.jit.save(torch.jit.script(model), os.path.join(out, "pstp-like.pt"), _extra_files={"avqa.json": json.dumps(meta)})
np.save(os.path.join(out, "features", "vggish", "bench.npy"), np.random.rand(60, 128).astype(np.float32))
np.save(os.path.join(out, "features", "clip-vit-b32", "bench.npy"), np.random.rand(60, 50, 512).astype(np.float16))
