"""Each mistake an export can make is refused with a message that names it."""
import os
import unittest

import support  # noqa: F401
import torch
import torch.nn as nn
import torch.nn.functional as F

import avqa_lens
import avst_shaped
from avqa_lens import Capture, ExportError
from support import temp_dir

TEMPORAL = lambda w, B, T: w.reshape(B, T)  # noqa: E731


class Errors(unittest.TestCase):
    def setUp(self):
        self.dir_context = temp_dir()
        self.dir = self.dir_context.__enter__()

    def tearDown(self):
        self.dir_context.__exit__(None, None, None)

    def export(self, **overrides):
        return avst_shaped.export(self.dir, **overrides)

    def refused(self, pattern, **overrides):
        with self.assertRaises(ExportError) as caught:
            self.export(**overrides)
        self.assertRegex(str(caught.exception), pattern)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "avst-shaped.pt")), "nothing is written")
        return str(caught.exception)

    def test_a_capture_that_is_no_submodule_lists_close_names(self):
        message = self.refused(r'capture "temporal_attn": the model has no submodule "temporal_attn"; close names: ',
                               captures=[Capture("temporal_attn", output_index=1, to="temporal", reshape=TEMPORAL)])
        self.assertIn("attn_a", message)
        self.assertIn("attn_v", message)
        self.refused(r'no submodule "question_encoder.lstmm"; close names: question_encoder.lstm',
                     captures=[Capture("question_encoder.lstmm", output_index=0, to="tokens")])

    def test_a_reshape_that_does_not_fit(self):
        self.refused(r'capture module "attn_v" output 1 -> "temporal": reshape failed on a value of shape \[1,1,10\]: shape .* is invalid',
                     captures=[Capture("attn_v", output_index=1, to="temporal", reshape=lambda w, B, T: w.reshape(B, T, 3))])
        self.refused(r'capture module "attn_v" output 1 -> "temporal": got shape \[1,10,1\], expected \[1,10\] '
                     r'\(the value is \[1,1,10\] before reshape\)',
                     captures=[Capture("attn_v", output_index=1, to="temporal", reshape=lambda w, B, T: w.reshape(B, T, 1))])
        self.refused(r'capture module "attn_v" output 1 -> "temporal": got shape \[1,1,10\], expected \[1,10\]; give reshape=',
                     captures=[Capture("attn_v", output_index=1, to="temporal")])
        self.refused(r'capture function torch.nn.functional.softmax -> "sound_spatial": got shape \[10,196\], expected \[1,10,196\]',
                     captures=[Capture.function(F.softmax, to="sound_spatial")])

    def test_an_output_index_out_of_range(self):
        self.refused(r'capture module "attn_v" output 2: output index 2 is out of range: it returned a tuple of 2',
                     captures=[Capture("attn_v", output_index=2, to="temporal", reshape=TEMPORAL)])
        self.refused(r'forward \(for "logits"\): output index 3 is out of range: it returned a tuple of 3', logits=3)
        self.refused(r'capture module "attn_v" returned a tuple of 2; give output_index \(0\.\.1\)',
                     captures=[Capture("attn_v", to="temporal", reshape=TEMPORAL)])
        self.refused(r'capture module "fc_ans" output 0: output index 0 given, but it returned one tensor \(shape \[1,10\]\)',
                     captures=[Capture("fc_ans", output_index=0, to="logits_audio")])

    def test_answers_of_the_wrong_length(self):
        answers = avqa_lens.build_vocab(os.path.join(support.EXAMPLES, "avqa-train-sample.json")).answers
        self.refused(r"logits has 10 columns, answers has 9", answers=answers[:9])
        self.refused(r"answers must be a non-empty list of strings", answers=[])

    def test_a_vocab_that_does_not_start_with_pad(self):
        words = avqa_lens.build_vocab(os.path.join(support.EXAMPLES, "avqa-train-sample.json")).words
        self.refused(r'vocab must start with "<pad>" \(index 0, the padding id\); it starts with "Is"', vocab=words[1:])

    def test_a_function_or_mark_that_never_runs(self):
        self.refused(r"capture sound_spatial: function torch.sigmoid is never called in the traced forward; it calls: .*softmax",
                     captures=[Capture.function(torch.sigmoid, to="sound_spatial")])
        self.refused(r"ran 2 time\(s\) during forward; occurrence 2 is out of range",
                     captures=[Capture.function(F.softmax, occurrence=2, to="sound_spatial", reshape=lambda m, B, T: m.reshape(B, T, -1))])
        self.refused(r'capture mark "spatial": avqa_lens.mark\("spatial", ...\) never ran during forward',
                     captures=[Capture.of_mark("spatial")])
        self.refused(r'capture "fc_ans": the module ran 1 time\(s\) during forward; occurrence 1 is out of range',
                     captures=[Capture("fc_ans", occurrence=1, to="logits_audio")])

    def test_a_node_name_not_in_the_graph(self):
        self.refused(r'capture "softmax_7": the traced graph has no node "softmax_7"; close names: softmax',
                     captures=[Capture.node("softmax_7", to="sound_spatial")])

    def test_a_key_outside_the_contract(self):
        self.refused(r'capture module "attn_v" output 1: to="attention" is not a map of the contract',
                     captures=[Capture("attn_v", output_index=1, to="attention")])

    def test_a_model_fx_cannot_trace(self):
        class Branchy(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(128, 3)

            def forward(self, audio, visual, patches, question):
                if audio.sum() > 0:
                    return self.fc(audio.mean(1))
                return -self.fc(audio.mean(1))

        with self.assertRaisesRegex(ExportError, r"function and node captures need torch.fx, and torch.fx.symbolic_trace failed on Branchy"):
            avqa_lens.export_model(Branchy(), os.path.join(self.dir, "b.pt"), answers=["a", "b", "c"], time_steps=4, stride_s=1,
                                   audio=avqa_lens.VGGISH, visual=avqa_lens.CLIP_VIT_B32, vocab=["<pad>", "x"], logits=None,
                                   captures=[Capture.function(torch.softmax, to="temporal")])

    def test_a_trace_that_froze_a_branch(self):
        class Branchy(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(128, 3)

            def forward(self, audio, visual, patches, question):
                if audio[0, 0, 0] > 0:
                    return self.fc(audio.mean(1))
                return -self.fc(audio.mean(1))

        audio = torch.ones(1, 4, 128)  # the second input's first value is negative (seed 1)
        with self.assertRaisesRegex(ExportError, r'differ from the PyTorch model\'s on a second input \("logits" by .*\): '
                                                 r'forward takes a data-dependent path.*; the tracer warned at .*test_errors.py:\d+'):
            avqa_lens.export_model(Branchy(), os.path.join(self.dir, "b.pt"), answers=["a", "b", "c"], time_steps=4, stride_s=1,
                                   audio=avqa_lens.VGGISH, visual=avqa_lens.CLIP_VIT_B32, vocab=["<pad>", "x"], logits=None,
                                   example_inputs=(audio, torch.zeros(1, 4, 512), torch.zeros(1, 4, 0, 0), torch.ones(1, 14, dtype=torch.long)))

    def test_a_batch_the_trace_does_not_generalize_to(self):
        class SqueezesTheBatch(nn.Module):
            def __init__(self):
                super().__init__()
                self.fc = nn.Linear(128, 3)

            def forward(self, audio, visual, patches, question):
                weights = torch.softmax(audio.sum(2), dim=1)          # [B, T]
                pooled = (weights.unsqueeze(2) * audio).sum(1)
                flat = audio.reshape(1, -1)[:, :4]                     # a literal batch of 1
                return self.fc(pooled) + flat.sum(), weights

        with self.assertRaisesRegex(ExportError, r"batch=True, but sample \d of a B=2 batch differs from the same sample alone"):
            avqa_lens.export_model(SqueezesTheBatch(), os.path.join(self.dir, "s.pt"), answers=["a", "b", "c"], time_steps=4,
                                   stride_s=1, audio=avqa_lens.VGGISH, visual=avqa_lens.CLIP_VIT_B32, vocab=["<pad>", "x"],
                                   logits=0, outputs={"temporal": 1}, batch=True)
        avqa_lens.export_model(SqueezesTheBatch(), os.path.join(self.dir, "s.pt"), answers=["a", "b", "c"], time_steps=4,
                               stride_s=1, audio=avqa_lens.VGGISH, visual=avqa_lens.CLIP_VIT_B32, vocab=["<pad>", "x"],
                               logits=0, outputs={"temporal": 1}, batch=False)
        self.assertEqual(avqa_lens.check_file(os.path.join(self.dir, "s.pt")).problems, [])

    def test_question_spec_and_feature_specs(self):
        self.refused(r"give vocab \(a token question\) or question_features", question_features=avqa_lens.QuestionFeatures(512))
        with self.assertRaisesRegex(ExportError, r'patches p: crop must be "center-square" or "full-frame", got \'middle\''):
            avqa_lens.Patches("p", 512, [7, 7], "middle")
        with self.assertRaisesRegex(ExportError, r"grid must be \[gh, gw\]"):
            avqa_lens.Patches("p", 512, [49], "full-frame")
        self.refused(r"patches must be an avqa_lens.Patches", patches=avqa_lens.RESNET18_14X14)


if __name__ == "__main__":
    unittest.main()
