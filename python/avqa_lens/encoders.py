"""export_encoder: audio and visual feature encoders the app runs on raw videos
(avqa-encoder/1; read by models/TorchScriptEncoders.cpp)."""
import collections
import json
import os

import torch

from .contract import ENCODER_FORMAT, CROPS, shape_text
from .errors import ExportError
from .export import portable_devices, trace_quietly


class _EncoderWrapper(torch.nn.Module):
    def __init__(self, encoder, output):
        super().__init__()
        self.encoder = encoder
        self.output = output

    def forward(self, x):
        out = self.encoder(x)
        out = out if self.output is None else self.output(out)
        return tuple(out) if isinstance(out, list) else out


def export_encoder(encoder, path, *, role, name, dim, patch_dim=None, grid=None, input_size=(224, 224),
                   mean=(0.0, 0.0, 0.0), std=(1.0, 1.0, 1.0), crop="full-frame", output=None, description=None):
    """Writes a TorchScript encoder with its avqa.json.

    role="audio": forward(log_mel [N,1,96,64]) -> [N,dim]. The app's log-mel is VGGish's
      front end: 16 kHz mono, 25 ms Hann windows every 10 ms, 64 HTK mel bands 125-7500 Hz,
      log(mel + 0.01), 96 frames = the 0.96 s from each step's start.
    role="visual": forward(frames [N,3,H,W]) -> (cls [N,dim], patches [N,gh*gw,patch_dim]).
      The app crops each frame (`crop`), resizes it to input_size (H, W), scales RGB to
      [0,1] and normalizes (x - mean) / std per channel.
    output: optional function applied to the encoder's output inside the traced graph,
      e.g. lambda tokens: (tokens[:, 0], tokens[:, 1:]) for a ViT's [N,1+M,D] tokens.
    `name` is what a model's features.*.kind names when it uses this encoder."""
    if role not in ("audio", "visual"):
        raise ExportError('role must be "audio" or "visual"')
    if not isinstance(dim, int) or dim <= 0:
        raise ExportError("dim must be a positive int")
    meta = collections.OrderedDict([("format", ENCODER_FORMAT), ("name", name)])
    wrapper = _EncoderWrapper(encoder, output).eval()
    if role == "audio":
        meta["output"] = {"dim": dim}
        example = torch.randn(3, 1, 96, 64, generator=torch.Generator().manual_seed(0))
    else:
        if not isinstance(patch_dim, int) or patch_dim <= 0:
            raise ExportError("a visual encoder needs patch_dim (a positive int)")
        grid = list(grid or [])
        if len(grid) != 2 or not all(isinstance(g, int) and g > 0 for g in grid):
            raise ExportError("a visual encoder needs grid=[gh, gw]")
        if crop not in CROPS:
            raise ExportError('crop must be "center-square" or "full-frame"')
        if len(mean) != 3 or len(std) != 3:
            raise ExportError("mean and std are three values (R, G, B)")
        meta["output"] = {"dim": dim, "patch_dim": patch_dim, "grid": grid}
        meta["input"] = {"size": [int(input_size[0]), int(input_size[1])], "mean": [float(m) for m in mean],
                         "std": [float(s) for s in std], "crop": crop}
        example = torch.rand(3, 3, int(input_size[0]), int(input_size[1]), generator=torch.Generator().manual_seed(0))
    if description:
        meta["description"] = description
    was_training = encoder.training
    encoder.eval()
    try:
        with torch.no_grad():
            try:
                eager = wrapper(example)
            except Exception as error:  # noqa: BLE001
                raise ExportError("the encoder failed on an example %s: %s" % (shape_text(example.shape), str(error).splitlines()[0]))
            _check_encoder_output(eager, role, meta, 3)
            traced, _ = trace_quietly(wrapper, (example,))
            portable_devices(traced)
            other = example[:1] * 0.5
            _check_encoder_output(traced(other), role, meta, 1)
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        torch.jit.save(traced, path, _extra_files={"avqa.json": json.dumps(meta)})
    finally:
        encoder.train(was_training)
    return meta


def _check_encoder_output(out, role, meta, n):
    if role == "audio":
        d = meta["output"]["dim"]
        if not isinstance(out, torch.Tensor) or list(out.shape) != [n, d]:
            got = shape_text(out.shape) if isinstance(out, torch.Tensor) else type(out).__name__
            raise ExportError("encoder output must be [N,%d]; got %s for N=%d" % (d, got, n))
        return
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        raise ExportError("visual encoder must return (cls [N,D], patches [N,M,Dp]); got %s" % type(out).__name__)
    o = meta["output"]
    want_cls = [n, o["dim"]]
    want_patches = [n, o["grid"][0] * o["grid"][1], o["patch_dim"]]
    if list(out[0].shape) != want_cls or list(out[1].shape) != want_patches:
        raise ExportError("visual encoder outputs do not match its avqa.json (dim, grid, patch_dim): got cls %s and patches %s, "
                          "expected %s and %s" % (shape_text(out[0].shape), shape_text(out[1].shape),
                                                  shape_text(want_cls), shape_text(want_patches)))
