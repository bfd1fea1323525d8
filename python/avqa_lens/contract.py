"""The model contract as the app reads it, in Python.

`parse_meta` mirrors `parseModelMetadata` (models/TorchScriptModel.cpp) and `check_outputs`
mirrors the checks after `forward`, with the app's own wording, so a file that passes here
loads and runs in `avqa-lens ask`. docs/model-contract.md is the description of record.
"""
import hashlib
import json

FORMAT_V1 = "avqa-model/1"
FORMAT_V2 = "avqa-model/2"
FORMATS = (FORMAT_V1, FORMAT_V2)
ENCODER_FORMAT = "avqa-encoder/1"

# The feature kinds the app reads from a --features folder ({root}/{folder}/{video_id}.npy).
FEATURE_FOLDERS = {
    "vggish": ["vggish"],
    "clip-vit-b32": ["clip-vit-b32", "clip_vit_b32"],
    "resnet18-14x14": ["resnet18-14x14", "res18_14x14"],
}
CROPS = ("center-square", "full-frame")

# Every output key the app reads, with its shape; C = len(answers), T = time_steps,
# M = patches per frame (gh * gw), L = question.max_len.
OUTPUT_SHAPES = {
    "logits": ("B", "C"),
    "temporal": ("B", "T"),
    "temporal_selected": ("B", "T"),
    "spatial": ("B", "T", "M"),
    "sound_spatial": ("B", "T", "M"),
    "logits_audio": ("B", "C"),
    "logits_visual": ("B", "C"),
    "tokens": ("B", "L"),
    "tokens_audio": ("B", "L"),
    "tokens_visual": ("B", "L"),
}
MAP_KEYS = ("temporal", "temporal_selected", "spatial", "sound_spatial", "tokens", "tokens_audio", "tokens_visual")
TOKEN_KEYS = ("tokens", "tokens_audio", "tokens_visual")


class ContractError(ValueError):
    """A file or an output the app would refuse; the message is the app's."""


def shape_text(shape):
    return "[" + ",".join(str(int(n)) for n in shape) + "]"


def vocab_sha256(vocab):
    """SHA-256 (hex) of the UTF-8 bytes of the vocabulary as compact JSON
    (json.dumps(vocab, ensure_ascii=False, separators=(",", ":")); nlohmann's dump() of the
    same list gives the same bytes)."""
    text = json.dumps(list(vocab), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_min_rows(time_steps, stride_s, rows_per_s=1.0):
    """Rows a video's .npy needs by default: time_steps * stride_s * rows_per_s, rounded
    to the nearest row (as the app's reader does)."""
    return int(time_steps * stride_s * rows_per_s + 0.5)


def _required(obj, key, where, kind):
    if not isinstance(obj, dict) or key not in obj:
        raise ContractError('avqa.json: %s lacks "%s"' % (where, key))
    value = obj[key]
    ok = {
        "str": isinstance(value, str),
        "int": isinstance(value, (int, float)) and not isinstance(value, bool),  # nlohmann's get<int> takes 2.0
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "strings": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "ints": isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value),
    }[kind]
    if not ok:
        raise ContractError('avqa.json: "%s" in %s has the wrong type' % (key, where))
    return int(value) if kind == "int" else value


def _sampling(spec, where, result):
    # avqa-model/2's optional sampling fields (the reader accepts them in any format)
    extractor = spec.get("extractor", "")
    rows_per_s = spec.get("rows_per_s", 1.0)
    min_rows = spec.get("min_rows", 0)
    if (not isinstance(extractor, str) or not isinstance(rows_per_s, (int, float)) or isinstance(rows_per_s, bool)
            or not isinstance(min_rows, (int, float)) or isinstance(min_rows, bool)):
        raise ContractError("avqa.json: %s has an extractor, rows_per_s or min_rows of the wrong type" % where)
    if rows_per_s <= 0 or min_rows < 0:
        raise ContractError("avqa.json: %s.rows_per_s must be positive and min_rows not negative" % where)
    result.update(extractor=extractor, rows_per_s=rows_per_s, min_rows=int(min_rows))


def _feature(features, name):
    where = "features." + name
    spec = features.get(name) if isinstance(features, dict) else None
    result = {"dim": _required(spec, "dim", where, "int"), "kind": _required(spec, "kind", where, "str")}
    if result["dim"] <= 0:
        raise ContractError("avqa.json: features.%s.dim must be positive" % name)
    _sampling(spec, where, result)
    return result


def rows_needed(info, spec):
    """The .npy rows a video of T * stride seconds needs for `spec` (min_rows, or
    time_steps * stride_s * rows_per_s when it is 0)."""
    if spec.get("min_rows"):
        return spec["min_rows"]
    return default_min_rows(info["time_steps"], info["stride_s"], spec.get("rows_per_s", 1.0))


def parse_meta(text):
    """Parses and validates an avqa.json text the way the app does; returns a dict with
    the fields the app uses. Raises ContractError with the app's message."""
    try:
        meta = json.loads(text)
    except ValueError as error:
        raise ContractError("avqa.json is not valid JSON: %s" % error)
    fmt = _required(meta, "format", "avqa.json", "str")
    if fmt not in FORMATS:
        raise ContractError('avqa.json: format "%s" is not one this version reads (avqa-model/1 or avqa-model/2)' % fmt)
    info = {"format": fmt, "batch": False}
    if "batch" in meta:
        if not isinstance(meta["batch"], bool):
            raise ContractError('avqa.json: "batch" must be true or false')
        info["batch"] = meta["batch"]
    info["name"] = _required(meta, "name", "avqa.json", "str")
    info["answers"] = _required(meta, "answers", "avqa.json", "strings")
    if not info["answers"]:
        raise ContractError('avqa.json: "answers" is empty')
    info["time_steps"] = _required(meta, "time_steps", "avqa.json", "int")
    info["stride_s"] = _required(meta, "stride_s", "avqa.json", "number")
    if info["time_steps"] <= 0 or info["stride_s"] <= 0:
        raise ContractError("avqa.json: time_steps and stride_s must be positive")
    question = meta.get("question")
    kind = _required(question, "kind", "question", "str")
    if kind == "tokens":
        vocab = _required(question, "vocab", "question", "strings")
        if not vocab or vocab[0] != "<pad>":
            raise ContractError('avqa.json: question.vocab must start with "<pad>" (index 0)')
        max_len = _required(question, "max_len", "question", "int")
        lowercase = question.get("lowercase", False)
        if not isinstance(lowercase, bool):
            raise ContractError('avqa.json: "lowercase" in question has the wrong type')
        if max_len <= 0:
            raise ContractError("avqa.json: question.max_len must be positive")
        digest = question.get("vocab_sha256", "")
        if digest:  # written by avqa-model/2 exporters; checked whenever present
            actual = vocab_sha256(vocab)
            if digest != actual:
                raise ContractError("avqa.json: question.vocab does not match its vocab_sha256 (expected %s, computed %s)"
                                    % (digest, actual))
        info["question"] = {"kind": "tokens", "vocab": vocab, "max_len": max_len, "lowercase": lowercase,
                            "vocab_sha256": digest}
    elif kind == "features":
        dim = _required(question, "dim", "question", "int")
        feature_kind = question.get("feature_kind", "question")
        info["question"] = {"kind": "features", "dim": dim, "feature_kind": feature_kind}
    else:
        raise ContractError('avqa.json: question.kind must be "tokens" or "features"')
    features = meta.get("features", {})
    info["audio"] = _feature(features, "audio")
    info["visual"] = _feature(features, "visual")
    info["patches"] = None
    if isinstance(features, dict) and "patches" in features:
        spec = features["patches"]
        patches = {"dim": _required(spec, "dim", "features.patches", "int"),
                   "grid": _required(spec, "grid", "features.patches", "ints"),
                   "crop": _required(spec, "crop", "features.patches", "str"),
                   "kind": _required(spec, "kind", "features.patches", "str")}
        _sampling(spec, "features.patches", patches)
        grid = patches["grid"]
        if len(grid) != 2 or grid[0] <= 0 or grid[1] <= 0:
            raise ContractError("avqa.json: features.patches.grid must be [gh, gw]")
        if patches["crop"] not in CROPS:
            raise ContractError('avqa.json: features.patches.crop must be "center-square" or "full-frame"')
        info["patches"] = patches
    info["encoders"] = {}
    for role, file in (meta.get("encoders") or {}).items():
        if role not in ("audio", "visual"):
            raise ContractError('avqa.json: unknown encoder "%s"' % role)
        info["encoders"][role] = file
    return info


def patch_count(info):
    return info["patches"]["grid"][0] * info["patches"]["grid"][1] if info["patches"] else 0


def expected_shapes(info, batch=1):
    """{key: expected shape list}; -1 where the app accepts any size (maps of a model
    without patches)."""
    sizes = {
        "B": batch,
        "C": len(info["answers"]),
        "T": info["time_steps"],
        "M": patch_count(info) if info["patches"] else -1,
        "L": info["question"].get("max_len", -1),
    }
    return {key: [sizes[s] for s in dims] for key, dims in OUTPUT_SHAPES.items()}


def check_outputs(outputs, info, batch=1):
    """The app's checks of forward's result, in its order and words; returns the list of
    violations (the app stops at the first)."""
    import torch

    if not isinstance(outputs, dict) or not all(isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in outputs.items()):
        return ["forward() must return a Dict[str, Tensor]"]
    problems = []
    expected = expected_shapes(info, batch)
    if "logits" not in outputs:
        problems.append('output has no "logits" (required, shape [%d,%d])' % (batch, len(info["answers"])))
    for key in OUTPUT_SHAPES:
        if key not in outputs:
            continue
        if key in TOKEN_KEYS and info["question"]["kind"] != "tokens":
            problems.append('output "%s" needs a token question' % key)
            continue
        want = expected[key]
        got = list(outputs[key].shape)
        if len(got) != len(want) or any(w >= 0 and g != w for g, w in zip(got, want)):
            problems.append('output "%s" has shape %s, expected %s' % (key, shape_text(got), shape_text(want)))
    return problems


def example_inputs(info, batch=1, seed=0):
    """Random inputs shaped as the app builds them: audio [B,T,Da], visual [B,T,Dv],
    patches [B,T,M,Dp] (or [B,T,0,0]), question int64 ids [B,L] (padded with 0) or float
    features [B,Dq]."""
    import torch

    g = torch.Generator().manual_seed(seed)
    t = info["time_steps"]
    audio = torch.randn(batch, t, info["audio"]["dim"], generator=g)
    visual = torch.randn(batch, t, info["visual"]["dim"], generator=g)
    if info["patches"]:
        patches = torch.randn(batch, t, patch_count(info), info["patches"]["dim"], generator=g)
    else:
        patches = torch.zeros(batch, t, 0, 0)
    question = info["question"]
    if question["kind"] == "tokens":
        size = len(question["vocab"])
        length = question["max_len"]
        ids = torch.randint(1, max(size, 2), (batch, length), generator=g) if size > 1 else torch.zeros(batch, length, dtype=torch.long)
        for b in range(batch):  # a question shorter than max_len: padded with <pad> (0)
            words = max(1, length - 1 - b - int(torch.randint(0, max(1, length // 3), (1,), generator=g)))
            ids[b, words:] = 0
        q = ids.long()
    else:
        q = torch.randn(batch, question["dim"], generator=g)
    return audio, visual, patches, q
