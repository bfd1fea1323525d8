#!/usr/bin/python3
"""Writes the TorchScript models the ask tests use, into the folder given as argument.
Each model's outputs are simple known functions of its inputs, so a test can tell the right
answer, steps and attention without trusting the code under test."""
import hashlib
import json
import os
import sys

import torch
from torch import Tensor
from typing import Dict

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
VOCAB = ["<pad>", "<unk>", "how", "many", "is", "there", "a", "violin", "sound"]
ANSWERS = ["zero", "one", "two", "three", "four", "five", "six"]


class AudioEncoder(torch.nn.Module):
    def forward(self, mel: Tensor) -> Tensor:  # [N,1,96,64] -> [N,4]: mean log-mel per quarter of the bands
        return mel.reshape(mel.shape[0], 96, 4, 16).mean(dim=(1, 3))


class VisualEncoder(torch.nn.Module):
    def forward(self, frames: Tensor):  # [N,3,32,32] -> (mean RGB [N,3], 2x2 mean RGB patches [N,4,3])
        cls = frames.mean(dim=(2, 3))
        patches = torch.nn.functional.avg_pool2d(frames, 16).flatten(2).transpose(1, 2)
        return cls, patches


class ContractModel(torch.nn.Module):
    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        words = (question != 0).sum(dim=1)
        logits = torch.nn.functional.one_hot(words % 7, 7).float() * 10.0
        loudness = audio.sum(dim=2)
        temporal = torch.softmax(loudness * 5.0, dim=1)
        selected = (temporal >= temporal.max(dim=1, keepdim=True).values).float()
        return {
            "logits": logits,
            "temporal": temporal,
            "temporal_selected": selected,
            "spatial": torch.softmax(patches[:, :, :, 0] * 10.0, dim=2),        # the reddest patch
            "sound_spatial": torch.softmax(patches[:, :, :, 2] * 10.0, dim=2),  # the bluest patch
            "logits_audio": logits,
            "logits_visual": torch.zeros_like(logits),
            "tokens": (question != 0).float() / words.unsqueeze(1).float(),
        }


class FeatureQuestionModel(torch.nn.Module):
    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        # answers index round(question.sum()) and looks only at time
        logits = torch.nn.functional.one_hot(question.sum(dim=1).round().long() % 7, 7).float() * 10.0
        return {"logits": logits, "temporal": torch.softmax(audio.mean(dim=2), dim=1)}


class Slow(torch.nn.Module):
    # The contract model after a few seconds of matrix products: an ask that is still
    # running while a test does something else in the window.
    def __init__(self):
        super().__init__()
        self.inner = ContractModel()

    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        x = torch.ones(384, 384) / 384.0
        for _ in range(300):
            x = torch.tanh(torch.mm(x, x))  # bounded: the answer stays the contract model's
        out = self.inner(audio, visual, patches, question)
        out["logits"] = out["logits"] + 0.0 * x.sum()
        return out


class SoundFollower(torch.nn.Module):
    # The contract model, but its sound-guided map listens: the red patches weighted by the
    # step's first audio feature, so another video's sound reshapes the map.
    def __init__(self):
        super().__init__()
        self.inner = ContractModel()

    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        out = self.inner(audio, visual, patches, question)
        out["sound_spatial"] = torch.softmax(patches[:, :, :, 0] * audio[:, :, 0:1] * 10.0, dim=2)
        return out


class OnePatchOneSecond(torch.nn.Module):
    # Returns logits only, and its answer ("four") depends on patch 3 (the grey lower right)
    # at step 1 and nothing else: gradient saliency must peak exactly there.
    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        evidence = patches[:, 1, 3, :].sum(dim=1, keepdim=True)
        logits = torch.cat([torch.zeros(audio.shape[0], 4), evidence * 10.0, torch.zeros(audio.shape[0], 2)], dim=1)
        return {"logits": logits + 0.0 * question.float().sum()}


class NpyContract(torch.nn.Module):
    # The contract model on released-style features (vggish [T,128], CLIP CLS + 7x7 patches):
    # it has no encoders, so it answers only where a feature folder holds the video.
    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        words = (question != 0).sum(dim=1)
        logits = torch.nn.functional.one_hot(words % 7, 7).float() * 10.0
        return {"logits": logits, "temporal": torch.softmax(audio.mean(dim=2), dim=1),
                "spatial": torch.softmax(patches[:, :, :, 0] * 10.0, dim=2)}


class CountsItsBatch(torch.nn.Module):
    # The contract model, whose answer is the size of the batch it was given: a test can
    # tell whether a video's questions went through one forward.
    def __init__(self):
        super().__init__()
        self.inner = ContractModel()

    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        out = self.inner(audio, visual, patches, question)
        batch = torch.full([audio.shape[0]], audio.shape[0], dtype=torch.long)
        out["logits"] = torch.nn.functional.one_hot(batch % 7, 7).float() * 10.0
        return out


class MissingLogits(ContractModel):
    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        return {"temporal": torch.softmax(audio.sum(dim=2), dim=1)}


class WrongSpatial(ContractModel):
    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        return {"logits": torch.zeros(1, 7), "spatial": torch.zeros(1, audio.shape[1], 3)}


class Raises(ContractModel):
    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        if audio.shape[1] > 0:
            raise RuntimeError("this model is broken on purpose")
        return {"logits": torch.zeros(1, 7)}


class Hangs(ContractModel):
    """Never returns (a hostile or broken model): the window must test it in a child first."""
    def forward(self, audio: Tensor, visual: Tensor, patches: Tensor, question: Tensor) -> Dict[str, Tensor]:
        total = audio.sum()
        while bool(total > -1.0):  # zeros in: total only grows
            total = total + 1.0
        return {"logits": torch.zeros(1, 7)}


def save(module, name, meta):
    extra = {"avqa.json": json.dumps(meta)} if meta is not None else {}
    torch.jit.save(torch.jit.script(module), os.path.join(out, name), _extra_files=extra)


save(AudioEncoder(), "audio-encoder.pt", {"format": "avqa-encoder/1", "name": "test-mel-quarters", "output": {"dim": 4}})
save(VisualEncoder(), "visual-encoder.pt", {
    "format": "avqa-encoder/1", "name": "test-rgb-2x2",
    "output": {"dim": 3, "patch_dim": 3, "grid": [2, 2]},
    "input": {"size": [32, 32], "mean": [0, 0, 0], "std": [1, 1, 1], "crop": "full-frame"}})

contract = {
    "format": "avqa-model/1", "name": "contract-test", "answers": ANSWERS, "time_steps": 4, "stride_s": 1,
    "question": {"kind": "tokens", "vocab": VOCAB, "max_len": 6, "lowercase": True},
    "features": {"audio": {"dim": 4, "kind": "test-mel-quarters"}, "visual": {"dim": 3, "kind": "test-rgb-2x2"},
                 "patches": {"dim": 3, "grid": [2, 2], "crop": "full-frame", "kind": "test-rgb-2x2"}},
    "encoders": {"audio": "audio-encoder.pt", "visual": "visual-encoder.pt"}}
save(ContractModel(), "contract.pt", contract)
save(FeatureQuestionModel(), "question-features.pt", {
    "format": "avqa-model/1", "name": "qfeat-test", "answers": ANSWERS, "time_steps": 3, "stride_s": 2,
    "question": {"kind": "features", "dim": 3, "feature_kind": "test-q"},
    "features": {"audio": {"dim": 128, "kind": "vggish"}, "visual": {"dim": 512, "kind": "clip-vit-b32"}}})
save(ContractModel(), "no-metadata.pt", None)
save(MissingLogits(), "missing-logits.pt", contract)
batched = dict(contract, format="avqa-model/2", batch=True)
save(ContractModel(), "contract-batched.pt", batched)
save(CountsItsBatch(), "counts-its-batch.pt", dict(batched, name="counts-its-batch"))
save(NpyContract(), "npy-contract.pt", {
    "format": "avqa-model/1", "name": "npy-contract-test", "answers": ANSWERS, "time_steps": 4, "stride_s": 1,
    "question": {"kind": "tokens", "vocab": VOCAB, "max_len": 6, "lowercase": True},
    "features": {"audio": {"dim": 128, "kind": "vggish"}, "visual": {"dim": 512, "kind": "clip-vit-b32"},
                 "patches": {"dim": 512, "grid": [7, 7], "crop": "center-square", "kind": "clip-vit-b32"}}})
save(OnePatchOneSecond(), "one-patch-one-second.pt", dict(contract, name="one-patch-one-second"))
save(Slow(), "slow.pt", dict(contract, name="slow-test"))
save(SoundFollower(), "sound-follower.pt", dict(contract, name="sound-follower-test"))
save(WrongSpatial(), "wrong-spatial.pt", contract)
save(Raises(), "raises.pt", contract)
save(Hangs(), "hangs.pt", dict(contract, name="hangs-test"))
bad_vocab = json.loads(json.dumps(contract))
bad_vocab["question"]["vocab"] = VOCAB[1:]
save(ContractModel(), "bad-vocab.pt", bad_vocab)

with open(os.path.join(out, "contract.sha256"), "w") as digest:
    digest.write(hashlib.sha256(open(os.path.join(out, "contract.pt"), "rb").read()).hexdigest())

# Features for the question-feature model: 10 rows, row r of vggish holds r everywhere.
os.makedirs(os.path.join(out, "features", "vggish"), exist_ok=True)
os.makedirs(os.path.join(out, "features", "clip_vit_b32"), exist_ok=True)
os.makedirs(os.path.join(out, "qfeatures"), exist_ok=True)
import numpy as np
np.save(os.path.join(out, "features", "vggish", "clip.npy"), np.repeat(np.arange(10, dtype=np.float32)[:, None], 128, axis=1))
# CLS then 7x7 patches; patch 10 (row 1, column 3) carries the signal the npy model's map follows.
clip = np.zeros((10, 50, 512), dtype=np.float16)
clip[:, 1 + 10, 0] = 1.0
np.save(os.path.join(out, "features", "clip_vit_b32", "clip.npy"), clip)
np.save(os.path.join(out, "qfeatures", "77.npy"), np.array([1.0, 1.5, 0.5], dtype=np.float32))  # sums to 3
