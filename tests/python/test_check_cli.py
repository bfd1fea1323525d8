"""`python3 -m avqa_lens check MODEL.pt` on good and bad files: the app's words, exit 1 on a violation."""
import contextlib
import io
import json
import os
import subprocess
import sys
import unittest
from typing import Dict

import support  # noqa: F401
import torch
from torch import Tensor

import avqa_lens
import avqa_lens.__main__
import avst_shaped
from support import ROOT, temp_dir


class WrongSpatial(torch.nn.Module):
    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        return {"logits": torch.zeros(audio.shape[0], 3), "spatial": torch.zeros(audio.shape[0], audio.shape[1], 3),
                "debug": torch.zeros(2)}


class MissingLogits(torch.nn.Module):
    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        return {"temporal": torch.softmax(audio.sum(2), dim=1)}


class ReturnsATensor(torch.nn.Module):
    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Tensor:
        return torch.zeros(1, 3)


class WritesFiles(torch.nn.Module):
    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        if audio.shape[0] < 0:  # never taken: the scan reads the code, it does not run it
            torch.save(audio, "/nonexistent/avqa-lens-check-test.pt")
        return {"logits": torch.zeros(audio.shape[0], 3)}


def meta(**changes):
    m = avqa_lens.build_meta(name="bad", answers=["a", "b", "c"], time_steps=10, stride_s=1, audio=avqa_lens.VGGISH,
                             visual=avqa_lens.CLIP_VIT_B32, patches=avqa_lens.CLIP_VIT_B32_PATCHES, vocab=["<pad>", "x"])
    m.update(changes)
    return m


def check(path, *args, process=False):
    """The CLI in a child process (process=True), else its main() here (faster: one torch import)."""
    if process:
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"), PYTHONDONTWRITEBYTECODE="1")
        run = subprocess.run([sys.executable, "-m", "avqa_lens", "check", path, *args], capture_output=True, text=True, env=env)
        return run.returncode, run.stdout + run.stderr
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = avqa_lens.__main__.main(["check", path, *args])
    return code, out.getvalue()


class CheckCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir_context = temp_dir()
        d = cls.dir = cls.dir_context.__enter__()
        _, cls.good, _ = avst_shaped.export(d)

        def save(module, name, m):
            path = os.path.join(d, name)
            extra = {"avqa.json": json.dumps(m)} if m is not None else {}
            torch.jit.save(torch.jit.script(module), path, _extra_files=extra)
            return path

        cls.wrong_spatial = save(WrongSpatial(), "wrong-spatial.pt", meta())
        cls.missing_logits = save(MissingLogits(), "missing-logits.pt", meta())
        cls.tensor = save(ReturnsATensor(), "tensor.pt", meta())
        cls.no_meta = save(WrongSpatial(), "no-meta.pt", None)
        bad_digest = meta()
        bad_digest["question"]["vocab_sha256"] = "0" * 64
        cls.bad_digest = save(WrongSpatial(), "bad-digest.pt", bad_digest)
        bad_vocab = meta()
        bad_vocab["question"]["vocab"] = ["x", "<pad>"]
        cls.bad_vocab = save(WrongSpatial(), "bad-vocab.pt", bad_vocab)
        cls.writes_files = save(WritesFiles(), "writes-files.pt", meta())
        cls.not_torch = os.path.join(d, "notes.pt")
        with open(cls.not_torch, "w") as f:
            f.write("not a model")

    @classmethod
    def tearDownClass(cls):
        cls.dir_context.__exit__(None, None, None)

    def test_a_good_file(self):
        code, out = check(self.good, process=True)
        self.assertEqual(code, 0, out)
        self.assertIn('avqa-model/2 "avst-shaped", 10 answers, T=10 steps of 6 s, batch: yes', out)
        self.assertRegex(out, r"logits +\[1,10\]")
        self.assertRegex(out, r"temporal +\[1,10\]")
        self.assertRegex(out, r"sound_spatial +\[1,10,196\]")
        self.assertRegex(out, r"patches +\[1,10,196,512\] +resnet18-14x14, grid 14x14, full-frame")
        self.assertIn("ok: avqa-lens can use this model", out)
        code, out = check(self.good, "--json")
        report = json.loads(out)
        self.assertTrue(report["ok"])
        self.assertEqual(report["outputs"]["sound_spatial"], [1, 10, 196])

    def test_wrong_shapes_in_the_apps_words(self):
        code, out = check(self.wrong_spatial, process=True)
        self.assertEqual(code, 1, out)
        self.assertIn('error: %s: output "spatial" has shape [1,10,3], expected [1,10,49]' % self.wrong_spatial, out)
        self.assertIn("debug             [2]  (not in the contract: the app ignores it)", out)
        code, out = check(self.missing_logits)
        self.assertEqual(code, 1, out)
        self.assertIn('error: %s: output has no "logits" (required, shape [1,3])' % self.missing_logits, out)
        code, out = check(self.tensor)
        self.assertEqual(code, 1, out)
        self.assertIn("error: %s: forward() must return a Dict[str, Tensor]" % self.tensor, out)

    def test_files_the_app_would_not_load(self):
        for path, message in ((self.no_meta, 'has no avqa.json (save it with torch.jit.save(m, path, _extra_files={"avqa.json": ...}))'),
                              (self.bad_digest, "avqa.json: question.vocab does not match its vocab_sha256 (expected %s, computed %s)"
                               % ("0" * 64, avqa_lens.vocab_sha256(["<pad>", "x"]))),
                              (self.bad_vocab, 'avqa.json: question.vocab must start with "<pad>" (index 0)'),
                              (self.not_torch, "is neither an AVQA Lens model file nor a TorchScript model LibTorch can load"),
                              (os.path.join(self.dir, "absent.pt"), "no such model file")):
            code, out = check(path)
            self.assertEqual(code, 1, out)
            self.assertIn("error: %s: %s" % (path, message), out)

    def test_file_calls_are_named_and_no_run_runs_nothing(self):
        code, out = check(self.writes_files)
        self.assertEqual(code, 0, out)
        self.assertRegex(out, r"warning: writes-files/code/__torch__\.py:\d+: torch\.save: writes a file")
        code, out = check(self.wrong_spatial, "--no-run")
        self.assertEqual(code, 0, out)  # the shapes are only known by running it
        self.assertIn("ok: avqa-lens reads this avqa.json (forward not run)", out)
        code, out = check(self.bad_vocab, "--no-run")
        self.assertEqual(code, 1, out)
        self.assertIn('question.vocab must start with "<pad>"', out)

    def test_usage(self):
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python"))
        run = subprocess.run([sys.executable, "-m", "avqa_lens", "frobnicate"], capture_output=True, text=True, env=env)
        self.assertEqual(run.returncode, 2)
        self.assertIn("unknown command 'frobnicate' (known: check)", run.stderr)


if __name__ == "__main__":
    unittest.main()
