#!/usr/bin/python3
"""An AVST-shaped model (Li et al., CVPR 2022, "Learning to Answer Questions in Dynamic
Audio-Visual Scenarios"), exported for avqa-lens without touching its class.

Like AVST it reads VGGish [B,T,128] and ResNet-18 maps [B,T,512,14,14], takes negative
frames for its matching loss, hides its temporal attention inside two nn.MultiheadAttention
modules and its sound-guided grounding in an F.softmax that forward does not return.
Random weights, small sizes: this file shows the export, not a trained model.

    PYTHONPATH=python python3 python/examples/avst_shaped.py OUT_DIR [TRAIN_JSON]
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class QuestionEncoder(nn.Module):
    def __init__(self, vocab_size, dim):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.lstm = nn.LSTM(dim, dim, batch_first=True)
        self.fc = nn.Linear(dim, dim)

    def forward(self, question):                       # [B, L] word ids
        _, (h, _) = self.lstm(torch.tanh(self.embed(question)))
        return torch.tanh(self.fc(h[-1]))              # [B, D]


class AvstShaped(nn.Module):
    def __init__(self, vocab_size, answers, dim=64, heads=4):
        super().__init__()
        self.question_encoder = QuestionEncoder(vocab_size, dim)
        self.fc_a1 = nn.Linear(128, dim)
        self.fc_a2 = nn.Linear(dim, dim)
        self.fc_v = nn.Linear(512, dim)
        self.fc_gl = nn.Linear(2 * dim, dim)
        self.match = nn.Sequential(nn.Linear(2 * dim, dim), nn.ReLU(), nn.Linear(dim, 2))
        self.attn_a = nn.MultiheadAttention(dim, heads, dropout=0.1)
        self.attn_v = nn.MultiheadAttention(dim, heads, dropout=0.1)
        self.fc_fusion = nn.Linear(2 * dim, dim)
        self.fc_ans = nn.Linear(dim, answers)
        self.dropout = nn.Dropout(0.5)

    def ground(self, audio_feat, visual):
        """Sound-guided grounding of each frame's 14x14 map: [B*T, D]."""
        B, T, C, H, W = visual.size()
        v = self.fc_v(visual.view(B * T, C, H * W).permute(0, 2, 1))   # [B*T, HW, D]
        pooled = v.mean(dim=1)
        v = F.normalize(v, dim=2)
        a = F.normalize(audio_feat.reshape(B * T, -1, 1), dim=1)        # [B*T, D, 1]
        where = F.softmax(torch.matmul(v, a).squeeze(-1), dim=-1)       # [B*T, HW]: where the sound is
        grounded = torch.matmul(where.unsqueeze(1), v).squeeze(1)       # [B*T, D]
        return self.fc_gl(torch.tanh(torch.cat([pooled, grounded], dim=-1)))

    def forward(self, audio, visual_posi, visual_nega, question):
        q = self.question_encoder(question)                             # [B, D]
        a = self.fc_a2(F.relu(self.fc_a1(audio)))                       # [B, T, D]
        B, T, D = a.size()
        v_posi = self.ground(a, visual_posi)
        v_nega = self.ground(a, visual_nega)
        match_posi = self.match(torch.cat([a.reshape(B * T, D), v_posi], dim=-1))
        match_nega = self.match(torch.cat([a.reshape(B * T, D), v_nega], dim=-1))
        xq = q.unsqueeze(0)                                             # [1, B, D]
        v_steps = v_posi.view(B, T, D).permute(1, 0, 2)                 # [T, B, D]
        a_steps = a.permute(1, 0, 2)
        v_att = self.attn_v(xq, v_steps, v_steps)[0].squeeze(0)         # weights [B, 1, T] unused
        a_att = self.attn_a(xq, a_steps, a_steps)[0].squeeze(0)
        feat = torch.cat([a_att + a.mean(dim=1), v_att + v_posi.view(B, T, D).mean(dim=1)], dim=-1)
        feat = self.fc_fusion(torch.tanh(feat))
        logits = self.fc_ans(self.dropout(torch.tanh(feat * q)))
        return logits, match_posi, match_nega


def maps_14x14(patches):
    """The contract's patches [B,T,196,512] (row-major 14x14) -> AVST's [B,T,512,14,14]."""
    return patches.permute(0, 1, 3, 2).unflatten(3, (14, 14))


def export(out_dir, train_json=None, seed=0, **overrides):
    import avqa_lens as kit

    train_json = train_json or os.path.join(os.path.dirname(os.path.abspath(__file__)), "avqa-train-sample.json")
    vocab = kit.build_vocab(train_json, loader="avst")
    torch.manual_seed(seed)
    model = AvstShaped(len(vocab.words), len(vocab.answers))
    temporal = lambda w, B, T: w.reshape(B, T)                          # MHA weights [B, 1, T]
    options = dict(
        name="avst-shaped", answers=vocab.answers, vocab=vocab.words, max_len=vocab.max_len,
        time_steps=10, stride_s=6, batch=True,                         # AVST: audio[::6] of 60 rows
        audio=kit.VGGISH, visual=kit.RESNET18_14X14, patches=kit.RESNET18_14X14_PATCHES,
        adapter=lambda audio, visual, patches, question: (audio, maps_14x14(patches), maps_14x14(patches), question),
        logits=0,
        captures=[
            kit.Capture("attn_a", output_index=1, to="temporal", reshape=temporal),   # averaged, as AVST's
            kit.Capture("attn_v", output_index=1, to="temporal", reshape=temporal),   # audio + visual attention
            kit.Capture.function(F.softmax, occurrence=0, to="sound_spatial",         # the positive frames' grounding
                                 reshape=lambda m, B, T: m.reshape(B, T, -1)),
        ])
    options.update(overrides)
    path = os.path.join(out_dir, "avst-shaped.pt")
    kit.export_model(model, path, **options)
    return model, path, vocab


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    _, written, _ = export(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
    print("wrote %s" % written)
