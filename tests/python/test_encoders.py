"""export_encoder writes the avqa-encoder/1 files the app runs on raw videos."""
import json
import os
import unittest

import support  # noqa: F401
import torch
import torch.nn as nn

import avqa_lens
from avqa_lens import ExportError
from support import max_diff, temp_dir

CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)


class MelNet(nn.Module):  # log-mel [N,1,96,64] -> [N,32]
    def __init__(self, dim=32):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, stride=2)
        self.fc = nn.Linear(8, dim)

    def forward(self, mel):
        return self.fc(torch.relu(self.conv(mel)).mean(dim=(2, 3)))


class TinyViT(nn.Module):  # frames [N,3,112,112] -> tokens [N,1+7*7,D], CLS first
    def __init__(self, dim=24):
        super().__init__()
        self.patch = nn.Conv2d(3, dim, 16, stride=16)
        self.cls = nn.Parameter(torch.randn(1, 1, dim))

    def forward(self, frames):
        tokens = self.patch(frames).flatten(2).transpose(1, 2)    # [N,49,D], row-major
        return torch.cat([self.cls.expand(tokens.shape[0], -1, -1) + tokens.mean(1, keepdim=True), tokens], dim=1)


def read(path):
    extra = {"avqa.json": ""}
    module = torch.jit.load(path, _extra_files=extra)
    return module, json.loads(extra["avqa.json"])


class Encoders(unittest.TestCase):
    def test_audio_and_visual_encoders_and_a_model_that_names_them(self):
        torch.manual_seed(0)
        with temp_dir() as d:
            mel, vit = MelNet().eval(), TinyViT().eval()
            avqa_lens.export_encoder(mel, os.path.join(d, "audio.pt"), role="audio", name="test-mel-net", dim=32)
            avqa_lens.export_encoder(vit, os.path.join(d, "visual.pt"), role="visual", name="test-tiny-vit", dim=24,
                                     patch_dim=24, grid=[7, 7], input_size=(112, 112), mean=CLIP_MEAN, std=CLIP_STD,
                                     crop="center-square", output=lambda tokens: (tokens[:, 0], tokens[:, 1:]))
            audio, meta = read(os.path.join(d, "audio.pt"))
            self.assertEqual(meta, {"format": "avqa-encoder/1", "name": "test-mel-net", "output": {"dim": 32}})
            x = torch.randn(5, 1, 96, 64)
            self.assertLess(max_diff(audio(x), mel(x)), 1e-5)
            visual, meta = read(os.path.join(d, "visual.pt"))
            self.assertEqual(meta["output"], {"dim": 24, "patch_dim": 24, "grid": [7, 7]})
            self.assertEqual(meta["input"]["size"], [112, 112])
            self.assertEqual(meta["input"]["crop"], "center-square")
            self.assertEqual(meta["input"]["mean"], list(CLIP_MEAN))
            frames = torch.rand(4, 3, 112, 112)
            cls, patches = visual(frames)
            tokens = vit(frames)
            self.assertLess(max_diff(cls, tokens[:, 0]), 1e-5)
            self.assertLess(max_diff(patches, tokens[:, 1:]), 1e-5)
            self.assertEqual(list(patches.shape), [4, 49, 24])

            class Head(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.fc = nn.Linear(32 + 24, 3)

                def forward(self, audio, visual, patches, question):
                    where = torch.softmax((patches * audio[..., :24].unsqueeze(2)).sum(-1), dim=-1)
                    return self.fc(torch.cat([audio, visual], -1).mean(1)), where

            avqa_lens.export_model(Head(), os.path.join(d, "model.pt"), answers=["a", "b", "c"], time_steps=4, stride_s=1,
                                   audio=avqa_lens.Features("test-mel-net", 32), visual=avqa_lens.Features("test-tiny-vit", 24),
                                   patches=avqa_lens.Patches("test-tiny-vit", 24, [7, 7], "center-square"),
                                   vocab=["<pad>", "is", "there"], max_len=6, outputs={"sound_spatial": 1},
                                   encoders={"audio": "audio.pt", "visual": "visual.pt"})
            report = avqa_lens.check_file(os.path.join(d, "model.pt"))
            self.assertEqual(report.problems, [])
            self.assertTrue(any("encoder visual" in note and "cls [N,24], patches [N,49,24]" in note for note in report.notes), report.notes)

    def test_encoder_errors(self):
        with temp_dir() as d:
            with self.assertRaisesRegex(ExportError, r"encoder output must be \[N,16\]; got \[3,32\] for N=3"):
                avqa_lens.export_encoder(MelNet(), os.path.join(d, "a.pt"), role="audio", name="x", dim=16)
            with self.assertRaisesRegex(ExportError, r"visual encoder must return \(cls \[N,D\], patches \[N,M,Dp\]\); got Tensor"):
                avqa_lens.export_encoder(TinyViT(), os.path.join(d, "v.pt"), role="visual", name="x", dim=24, patch_dim=24,
                                         grid=[7, 7], input_size=(112, 112))
            with self.assertRaisesRegex(ExportError, r"got cls \[3,24\] and patches \[3,49,24\], expected \[3,24\] and \[3,196,24\]"):
                avqa_lens.export_encoder(TinyViT(), os.path.join(d, "v.pt"), role="visual", name="x", dim=24, patch_dim=24,
                                         grid=[14, 14], input_size=(112, 112), output=lambda t: (t[:, 0], t[:, 1:]))
            self.assertFalse(os.path.exists(os.path.join(d, "v.pt")))


if __name__ == "__main__":
    unittest.main()
