"""The examples export, and the exported files' maps are the tensors the PyTorch models
computed inside: read here by forward hooks and by wrapping the functions the models call,
apart from the kit's own capture path."""
import json
import os
import unittest

import support  # noqa: F401  (paths, threads)
import torch
import torch.nn.functional as F

import avqa_lens
import avst_shaped
import tspm_shaped
from support import hooked_outputs, max_diff, recording, temp_dir

TOL = 1e-5


def contract_inputs(batch, steps, patches, patch_dim, question, seed):
    g = torch.Generator().manual_seed(seed)
    audio = torch.randn(batch, steps, 128, generator=g)
    patch = torch.randn(batch, steps, patches, patch_dim, generator=g)
    return audio, patch, g


def device_constants(module):
    return [n for n in module.graph.findAllNodes("prim::Constant") if str(n.output().type()) == "Device"]


def read_meta(path):
    extra = {"avqa.json": ""}
    torch.jit.load(path, _extra_files=extra)
    return json.loads(extra["avqa.json"])


class AvstShapedExport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir_context = temp_dir()
        cls.dir = cls.dir_context.__enter__()
        cls.model, cls.path, cls.vocab = avst_shaped.export(cls.dir)
        cls.model.eval()
        cls.exported = torch.jit.load(cls.path)

    @classmethod
    def tearDownClass(cls):
        cls.dir_context.__exit__(None, None, None)

    def inputs(self, batch, seed):
        audio, patches, g = contract_inputs(batch, 10, 196, 512, None, seed)
        visual = patches.mean(2)
        question = torch.randint(1, len(self.vocab.words), (batch, 14), generator=g)
        question[:, 9:] = 0
        return audio, visual, patches, question

    def reference(self, audio, patches, question):
        """The PyTorch model on the same features, its maps read by hooks."""
        b, t = audio.shape[:2]
        maps = patches.transpose(2, 3).reshape(b, t, 512, 14, 14)  # row-major 14x14, channel first
        seen, handles = hooked_outputs(self.model, ["attn_a", "attn_v"])
        try:
            with recording(F, "softmax") as softmaxes:
                logits, _, _ = self.model(audio, maps, maps, question)
        finally:
            for handle in handles:
                handle.remove()
        grounding = [s for s in softmaxes if list(s.shape) == [b * t, 196]][0]  # the first: positive frames
        temporal = (seen["attn_a"][0][1].reshape(b, t) + seen["attn_v"][0][1].reshape(b, t)) / 2
        return logits, temporal, grounding.reshape(b, t, 196)

    def test_maps_equal_the_models_internal_tensors(self):
        for batch, seed in ((1, 3), (2, 4)):
            audio, visual, patches, question = self.inputs(batch, seed)
            out = self.exported(audio, visual, patches, question)
            logits, temporal, sound = self.reference(audio, patches, question)
            self.assertEqual(sorted(out), ["logits", "sound_spatial", "temporal"])
            self.assertLess(max_diff(out["logits"], logits), TOL)
            self.assertLess(max_diff(out["temporal"], temporal), TOL)
            self.assertLess(max_diff(out["sound_spatial"], sound), TOL)
            self.assertEqual(list(out["sound_spatial"].shape), [batch, 10, 196])
            # the maps are distributions: each step's grounding sums to 1
            self.assertLess(max_diff(out["sound_spatial"].sum(-1), torch.ones(batch, 10)), 1e-5)

    def test_avqa_json(self):
        meta = read_meta(self.path)
        self.assertEqual(meta["format"], "avqa-model/2")
        self.assertEqual(meta["name"], "avst-shaped")
        self.assertTrue(meta["batch"])
        self.assertEqual(meta["time_steps"], 10)
        self.assertEqual(meta["stride_s"], 6)
        self.assertEqual(meta["answers"], self.vocab.answers)
        q = meta["question"]
        self.assertEqual(q["vocab"], self.vocab.words)
        self.assertEqual(q["vocab"][0], "<pad>")
        self.assertEqual(q["vocab_sha256"], avqa_lens.vocab_sha256(self.vocab.words))
        self.assertEqual((q["kind"], q["max_len"], q["lowercase"]), ("tokens", 14, False))
        f = meta["features"]
        self.assertEqual((f["audio"]["kind"], f["audio"]["dim"], f["audio"]["rows_per_s"], f["audio"]["min_rows"]), ("vggish", 128, 1, 60))
        self.assertEqual((f["visual"]["kind"], f["visual"]["dim"]), ("resnet18-14x14", 512))
        self.assertEqual((f["patches"]["grid"], f["patches"]["crop"], f["patches"]["dim"]), ([14, 14], "full-frame", 512))
        self.assertIn("VGGish", f["audio"]["extractor"])

    def test_the_exported_file_needs_no_python_class(self):
        self.assertNotIn("avst_shaped", self.exported.code)
        self.assertEqual(device_constants(self.exported), [])


class TspmShapedExport(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir_context = temp_dir()
        cls.dir = cls.dir_context.__enter__()
        cls.model, cls.path = tspm_shaped.export(cls.dir)
        cls.model.eval()
        cls.exported = torch.jit.load(cls.path)

    @classmethod
    def tearDownClass(cls):
        cls.dir_context.__exit__(None, None, None)

    def test_maps_equal_the_models_internal_tensors(self):
        for batch, seed in ((1, 5), (3, 6)):
            g = torch.Generator().manual_seed(seed)
            audio = torch.randn(batch, 10, 128, generator=g)
            tokens = torch.randn(batch, 10, 50, 512, generator=g)  # CLIP: CLS + 7x7
            question = torch.randn(batch, 512, generator=g)
            out = self.exported(audio, tokens[:, :, 0], tokens[:, :, 1:], question)
            seen, handles = hooked_outputs(self.model, ["temporal", "temporal.attn"])
            try:
                with recording(torch, "softmax") as softmaxes:
                    logits = self.model(audio, tokens, question.unsqueeze(1))
            finally:
                for handle in handles:
                    handle.remove()
            keep = seen["temporal"][0][0]                     # [B, k] kept steps
            weights = seen["temporal.attn"][0][1]             # [B, 1, T]
            where = softmaxes[0]                              # [B, k, 49]
            spatial = torch.zeros(batch, 10, 49)
            selected = torch.zeros(batch, 10)
            for b in range(batch):
                for j, step in enumerate(keep[b].tolist()):
                    spatial[b, step] = where[b, j]
                    selected[b, step] = 1.0
            self.assertLess(max_diff(out["logits"], logits), TOL)
            self.assertLess(max_diff(out["temporal"], weights.reshape(batch, 10)), TOL)
            self.assertLess(max_diff(out["temporal_selected"], selected), TOL)
            self.assertLess(max_diff(out["spatial"], spatial), TOL)
            self.assertEqual(int(out["temporal_selected"].sum()), 4 * batch)

    def test_factory_calls_take_the_inputs_device(self):
        # zeros_like / torch.zeros in the model and in a reshape: traced, they would say "cpu"
        self.assertEqual(device_constants(self.exported), [])
        self.assertIn("ops.prim.device(audio)", self.exported.code)
        self.assertIn("torch.zeros_like(", self.exported.code)

    def test_avqa_json(self):
        meta = read_meta(self.path)
        self.assertEqual(meta["question"], {"kind": "features", "dim": 512, "feature_kind": "clip-vit-b32-question"})
        self.assertEqual(meta["features"]["patches"]["grid"], [7, 7])
        self.assertEqual(meta["features"]["patches"]["crop"], "center-square")
        self.assertEqual(meta["features"]["visual"]["kind"], "clip-vit-b32")

    def test_mark_is_an_identity_outside_an_export(self):
        x = torch.randn(3)
        self.assertIs(avqa_lens.mark("spatial", x), x)


class FormatOne(unittest.TestCase):
    def test_format_version_1_writes_what_the_app_reads_today(self):
        with temp_dir() as d:
            _, path, _ = avst_shaped.export(d, format_version=1, batch=False)
            meta = read_meta(path)
            self.assertEqual(meta["format"], "avqa-model/1")
            self.assertNotIn("vocab_sha256", meta["question"])
            self.assertNotIn("batch", meta)
            self.assertNotIn("min_rows", meta["features"]["audio"])
            self.assertEqual(avqa_lens.check_file(path).problems, [])


if __name__ == "__main__":
    unittest.main()
