"""The kit's files in the real app: `avqa-lens ask --json` on exported models, its maps
compared with the PyTorch models' own tensors (forward hooks) on the same features.

    python3 tests/python/test_end_to_end.py PATH/TO/avqa-lens

AVQA_EXPORT_FORMAT=1 exports avqa-model/1 files instead of /2 (for an app that reads only /1).
"""
import glob
import json
import os
import subprocess
import sys
import unittest

import support  # noqa: F401
import numpy as np
import torch
import torch.nn.functional as F

import avqa_lens
import avst_shaped
import tspm_shaped
from support import hooked_outputs, max_diff, recording, temp_dir

EXE = None
FORMAT = int(os.environ.get("AVQA_EXPORT_FORMAT", "2"))
TOL = 1e-5


def run(*args):
    done = subprocess.run([EXE, *args], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return done.returncode, done.stdout, done.stderr


class EndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not EXE or not os.access(EXE, os.X_OK):
            raise unittest.SkipTest("give the avqa-lens binary as the first argument")
        cls.dir_context = temp_dir()
        d = cls.dir = cls.dir_context.__enter__()
        code, out, err = run("synth", "--out", os.path.join(d, "synth"), "--videos", "1", "--seconds", "20", "--seed", "3",
                             "--threads", "1")
        assert code == 0, err
        cls.video = sorted(glob.glob(os.path.join(d, "synth", "videos", "*.mp4")))[0]
        cls.video_id = os.path.splitext(os.path.basename(cls.video))[0]
        rng = np.random.default_rng(7)
        cls.vggish = rng.standard_normal((20, 128)).astype(np.float32)
        cls.res18 = rng.standard_normal((20, 512, 14, 14)).astype(np.float32)
        cls.clip = rng.standard_normal((20, 50, 512)).astype(np.float16)  # float16, as CLIP features often are
        cls.question_feature = rng.standard_normal(512).astype(np.float32)
        cls.features = os.path.join(d, "features")
        for folder, array in (("vggish", cls.vggish), ("res18_14x14", cls.res18), ("clip_vit_b32", cls.clip)):
            os.makedirs(os.path.join(cls.features, folder))
            np.save(os.path.join(cls.features, folder, cls.video_id + ".npy"), array)
        os.makedirs(os.path.join(d, "qfeat"))
        np.save(os.path.join(d, "qfeat", "77.npy"), cls.question_feature)

    @classmethod
    def tearDownClass(cls):
        cls.dir_context.__exit__(None, None, None)

    def ask(self, model, question, *extra):
        code, out, err = run("ask", "--cache", os.path.join(self.dir, "cache"), "--device", "cpu", "--model", model,
                             "--video", self.video, *extra, "--json", question)
        if code != 0 and "format must be" in err:
            self.fail("the app refuses avqa-model/%d (%s); AVQA_EXPORT_FORMAT=1 tests with format 1" % (FORMAT, err.strip()))
        self.assertEqual(code, 0, err)
        return json.loads(out)

    def step_rows(self, result, stride):
        rows = []
        for i, step in enumerate(result["steps"]):
            self.assertAlmostEqual(step["start_s"], i * stride)
            self.assertEqual(step["padded"], step["start_s"] >= 20.0 - 1e-6, step)
            rows.append(None if step["padded"] else int(step["start_s"]))
        return rows

    def test_avst_shaped_maps_match_the_pytorch_model(self):
        model, path, vocab = avst_shaped.export(os.path.join(self.dir, "avst"), format_version=FORMAT)
        model.eval()
        question = "Is there a piano sound?"
        result = self.ask(path, question, "--features", self.features)
        rows = self.step_rows(result, 6)
        self.assertEqual(rows, [0, 6, 12, 18] + [None] * 6)  # a 20 s video: 4 steps of 6 s, 6 padded
        audio = torch.zeros(1, 10, 128)
        maps = torch.zeros(1, 10, 512, 14, 14)
        for i, row in enumerate(rows):
            if row is not None:
                audio[0, i] = torch.from_numpy(self.vggish[row])
                maps[0, i] = torch.from_numpy(self.res18[row])
        words = question.rstrip()[:-1].split(" ")
        self.assertEqual(result["question_words"], words)
        ids = torch.tensor([[vocab.words.index(w) for w in words] + [0] * (14 - len(words))])
        self.assertEqual(ids[0].tolist(), avqa_lens.tokenize(question, vocab.words, 14).ids)
        seen, handles = hooked_outputs(model, ["attn_a", "attn_v"])
        try:
            with recording(F, "softmax") as softmaxes:
                logits, _, _ = model(audio, maps, maps, ids)
        finally:
            for handle in handles:
                handle.remove()
        temporal = (seen["attn_a"][0][1] + seen["attn_v"][0][1]).reshape(10) / 2
        sound = softmaxes[0].reshape(10, 196)
        self.assertLess(max_diff(result["temporal"], temporal), TOL)
        self.assertLess(max_diff(result["sound_spatial"], sound), TOL)
        self.assertEqual(result["answer"], vocab.answers[int(logits.argmax())])
        self.assertEqual(result["grid"], [14, 14])
        self.assertEqual(result["crop"], "full-frame")
        self.assertIsNone(result["spatial"])
        self.assertEqual(result["model"]["name"], "avst-shaped")

    def test_tspm_shaped_with_question_features_and_clip_patches(self):
        model, path = tspm_shaped.export(os.path.join(self.dir, "tspm"), format_version=FORMAT)
        model.eval()
        result = self.ask(path, "ignored", "--features", self.features, "--question-features", os.path.join(self.dir, "qfeat"),
                          "--question-id", "77")
        rows = self.step_rows(result, 1)
        self.assertEqual(rows, list(range(10)))
        audio = torch.from_numpy(self.vggish[:10]).unsqueeze(0)
        tokens = torch.from_numpy(self.clip[:10].astype(np.float32)).unsqueeze(0)
        question = torch.from_numpy(self.question_feature).reshape(1, 1, 512)
        seen, handles = hooked_outputs(model, ["temporal", "temporal.attn"])
        try:
            with recording(torch, "softmax") as softmaxes:
                model(audio, tokens, question)
        finally:
            for handle in handles:
                handle.remove()
        keep = seen["temporal"][0][0][0].tolist()
        spatial = torch.zeros(10, 49)
        for j, step in enumerate(keep):
            spatial[step] = softmaxes[0][0, j]
        self.assertLess(max_diff(result["temporal"], seen["temporal.attn"][0][1].reshape(10)), TOL)
        self.assertEqual([i for i, v in enumerate(result["temporal_selected"]) if v > 0.5], keep)
        self.assertLess(max_diff(result["spatial"], spatial), TOL)
        self.assertEqual(result["grid"], [7, 7])
        self.assertEqual(result["crop"], "center-square")

    def test_encoders_on_the_raw_video(self):
        import test_encoders

        d = os.path.join(self.dir, "enc")
        torch.manual_seed(1)
        avqa_lens.export_encoder(test_encoders.MelNet().eval(), os.path.join(d, "audio.pt"), role="audio", name="test-mel-net", dim=32)
        avqa_lens.export_encoder(test_encoders.TinyViT().eval(), os.path.join(d, "visual.pt"), role="visual", name="test-tiny-vit",
                                 dim=24, patch_dim=24, grid=[7, 7], input_size=(112, 112), crop="center-square",
                                 output=lambda t: (t[:, 0], t[:, 1:]))
        head = torch.nn.Linear(56, 3)

        class Head(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = head

            def forward(self, audio, visual, patches, question):
                where = torch.softmax((patches * audio[..., :24].unsqueeze(2)).sum(-1), dim=-1)
                return self.fc(torch.cat([audio, visual], -1).mean(1)), where

        avqa_lens.export_model(Head(), os.path.join(d, "model.pt"), answers=["a", "b", "c"], time_steps=4, stride_s=1,
                               audio=avqa_lens.Features("test-mel-net", 32), visual=avqa_lens.Features("test-tiny-vit", 24),
                               patches=avqa_lens.Patches("test-tiny-vit", 24, [7, 7], "center-square"),
                               vocab=["<pad>", "is", "there"], max_len=6, outputs={"sound_spatial": 1},
                               encoders={"audio": "audio.pt", "visual": "visual.pt"}, format_version=FORMAT)
        result = self.ask(os.path.join(d, "model.pt"), "is there?")
        self.assertEqual(len(result["sound_spatial"]), 4)
        self.assertEqual(len(result["sound_spatial"][0]), 49)
        self.assertAlmostEqual(sum(result["sound_spatial"][0]), 1.0, places=4)
        self.assertEqual(result["model"]["feature_kinds"], ["test-mel-net", "test-tiny-vit"])

    def test_the_app_and_the_kits_check_refuse_bad_files_in_the_same_words(self):
        """A vocabulary that does not match its vocab_sha256, or that does not start with
        <pad>: `avqa-lens ask --explain` refuses the file, and `python3 -m avqa_lens check`
        says the very same line (the kit re-implements the app's checks: they must not drift)."""
        import avqa_lens.__main__
        import contextlib
        import io

        class Logits(torch.nn.Module):
            def forward(self, audio, visual, patches, question):
                return {"logits": torch.zeros(audio.shape[0], 3)}

        def meta(**question):
            m = avqa_lens.build_meta(name="bad", answers=["a", "b", "c"], time_steps=10, stride_s=1, audio=avqa_lens.VGGISH,
                                     visual=avqa_lens.CLIP_VIT_B32, patches=avqa_lens.CLIP_VIT_B32_PATCHES, vocab=["<pad>", "x"])
            m["question"].update(question)
            return m

        cases = (("bad-digest.pt", meta(vocab_sha256="0" * 64),
                  "avqa.json: question.vocab does not match its vocab_sha256 (expected %s, computed %s)"
                  % ("0" * 64, avqa_lens.vocab_sha256(["<pad>", "x"]))),
                 ("bad-vocab.pt", meta(vocab=["x", "<pad>"]), 'avqa.json: question.vocab must start with "<pad>" (index 0)'))
        for name, m, message in cases:
            path = os.path.join(self.dir, name)
            torch.jit.save(torch.jit.script(Logits()), path, _extra_files={"avqa.json": json.dumps(m)})
            code, out, err = run("ask", "--model", path, "--explain")
            self.assertEqual(code, 1, out + err)
            expected = "%s: %s" % (path, message)
            self.assertIn(expected, err)
            kit_out = io.StringIO()
            with contextlib.redirect_stdout(kit_out), contextlib.redirect_stderr(kit_out):
                kit_code = avqa_lens.__main__.main(["check", path, "--no-run"])
            self.assertEqual(kit_code, 1, kit_out.getvalue())
            self.assertIn("error: " + expected, kit_out.getvalue())


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        EXE = sys.argv.pop(1)
    unittest.main()
