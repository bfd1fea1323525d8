#!/usr/bin/python3
"""A TSPM/PSTP-shaped model (question-guided temporal selection, then spatial perception
of the kept frames) on CLIP-style features, exported for avqa-lens.

It reads CLIP ViT-B/32 tokens per second [B,T,50,512] (CLS + 7x7 patches), VGGish audio
[B,T,128] and a CLIP question feature [B,1,512] from {question_id}.npy, as TSPM's loader
does (question kind "features"). Its temporal weights come out of a submodule's output, its
top-k choice out of another, and its patch map out of one `avqa_lens.mark(...)` line in
forward (an identity while training): the marker route, for maps made by plain functions.

    PYTHONPATH=python python3 python/examples/tspm_shaped.py OUT_DIR
"""
import os
import sys

import torch
import torch.nn as nn

import avqa_lens


class TemporalSelection(nn.Module):
    """The question weighs the T steps; the top-k steps are kept."""

    def __init__(self, dim, top_k):
        super().__init__()
        self.attn = nn.MultiheadAttention(dim, 4)
        self.top_k = top_k

    def forward(self, question, clip_feat):                    # [B, D], [B, T, D]
        kv = clip_feat.permute(1, 0, 2)
        _, weights = self.attn(question.unsqueeze(0), kv, kv)   # [B, 1, T]
        keep = torch.topk(weights.squeeze(1), self.top_k, dim=-1).indices.sort(dim=-1).values
        return keep, weights                                    # [B, k], [B, 1, T]


class TspmShaped(nn.Module):
    def __init__(self, answers, dim=64, top_k=4):
        super().__init__()
        self.input_a = nn.Linear(128, dim)
        self.input_v = nn.Linear(512, dim)
        self.input_patch = nn.Linear(512, dim)
        self.input_q = nn.Linear(512, dim)
        self.temporal = TemporalSelection(dim, top_k)
        self.fusion = nn.Linear(3 * dim, dim)
        self.answer = nn.Linear(dim, answers)

    def forward(self, audio, visual_tokens, question):         # [B,T,128], [B,T,50,512], [B,1,512]
        q = torch.tanh(self.input_q(question)).squeeze(1)       # [B, D]
        a = self.input_a(audio)
        v = self.input_v(visual_tokens[:, :, 0])                # CLS per step
        patches = self.input_patch(visual_tokens[:, :, 1:])     # [B, T, 49, D]
        keep, _ = self.temporal(q, v)                           # [B, k]
        index = keep.unsqueeze(-1).unsqueeze(-1).expand(-1, -1, patches.size(2), patches.size(3))
        kept = torch.gather(patches, 1, index)                  # [B, k, 49, D]
        # spatial perception: the question over each kept frame's patches
        where = torch.softmax(torch.einsum("bkmd,bd->bkm", kept, q) / kept.size(-1) ** 0.5, dim=-1)
        full = torch.zeros_like(patches[..., 0]).scatter(1, keep.unsqueeze(-1).expand(-1, -1, where.size(2)), where)
        full = avqa_lens.mark("spatial", full)                  # [B, T, 49], zero off the kept steps
        seen = torch.einsum("bkm,bkmd->bd", where, kept)
        feat = torch.tanh(self.fusion(torch.cat([a.mean(1), v.mean(1), seen], dim=-1)))
        return self.answer(feat * q)


def export(out_dir, seed=0, **overrides):
    import avqa_lens as kit

    answers = ["yes", "no", "zero", "one", "two", "three", "left", "right", "middle"]
    torch.manual_seed(seed)
    model = TspmShaped(len(answers))
    options = dict(
        name="tspm-shaped", answers=answers, time_steps=10, stride_s=1, batch=True,
        audio=kit.VGGISH, visual=kit.CLIP_VIT_B32, patches=kit.CLIP_VIT_B32_PATCHES,
        question_features=kit.QuestionFeatures(512, kind="clip-vit-b32-question"),
        # the contract splits CLIP's 50 tokens into CLS (visual) and 7x7 (patches): join them
        adapter=lambda audio, visual, patches, question: (
            audio, torch.cat([visual.unsqueeze(2), patches], dim=2), question.unsqueeze(1)),
        logits=None,                                            # forward returns the logits itself
        captures=[
            kit.Capture("temporal.attn", output_index=1, to="temporal",
                        reshape=lambda w, B, T: w.reshape(B, T)),
            kit.Capture("temporal", output_index=0, to="temporal_selected",
                        reshape=lambda keep, B, T: torch.zeros(B, T).scatter(1, keep, 1.0)),
            kit.Capture.of_mark("spatial"),
        ])
    options.update(overrides)
    path = os.path.join(out_dir, "tspm-shaped.pt")
    kit.export_model(model, path, **options)
    return model, path


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    print("wrote %s" % export(sys.argv[1])[1])
