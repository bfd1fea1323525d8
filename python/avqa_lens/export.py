"""export_model: a researcher's unmodified nn.Module to a TorchScript file of the contract."""
import collections
import json
import os
import warnings

import torch

from . import __version__
from .capture import Capture, _ModuleTap, _pick, _Recorder, fx_with_captures, resolve_module, select_output
from .contract import (FORMAT_V1, FORMAT_V2, OUTPUT_SHAPES, ContractError, check_outputs, expected_shapes,
                       parse_meta, shape_text, vocab_sha256)
from .contract import example_inputs as _spec_inputs
from .errors import ExportError
from .features import Features, Patches, QuestionFeatures
from .vocab import check_vocab

ExportResult = collections.namedtuple("ExportResult", "path meta shapes")


class Args:
    """What an adapter returns when the model's forward needs keywords:
    `return Args(audio, maps, maps, question=q)`. A plain tuple means positional
    arguments, a dict keyword arguments."""

    def __init__(self, *args, **kwargs):
        self.args = args
        self.kwargs = kwargs


def _call_arguments(adapted):
    if isinstance(adapted, Args):
        return adapted.args, adapted.kwargs
    if isinstance(adapted, dict):
        return (), adapted
    if isinstance(adapted, (tuple, list)):
        return tuple(adapted), {}
    return (adapted,), {}


class _Contract(torch.nn.Module):
    """forward(audio, visual, patches, question) -> Dict[str, Tensor], around the model."""

    def __init__(self, model, adapter, outputs, captures, fx_count, taps, expected):
        super().__init__()
        self.model = model
        self.adapter = adapter
        self.outputs = outputs
        self.captures = captures
        self.fx_count = fx_count
        self.taps = taps  # {module name: module}
        self.expected = expected  # key -> shape with "B" placeholder resolved at check time

    def forward(self, audio, visual, patches, question):
        checking = not torch.jit.is_tracing()
        if self.adapter is None:
            args, kwargs = (audio, visual, patches, question), {}
        else:
            args, kwargs = _call_arguments(self.adapter(audio, visual, patches, question))
        taps = {name: _ModuleTap(module) for name, module in self.taps.items()}
        with _Recorder() as recorder:
            for tap in taps.values():
                tap.__enter__()
            try:
                out = self.model(*args, **kwargs)
            finally:
                for tap in taps.values():
                    tap.__exit__(None, None, None)
        fx_values = ()
        if self.fx_count:
            out, fx_values = out[0], out[1:]
        result = {}
        for key, selector in self.outputs.items():
            value = out if selector is None else select_output(out, selector, "forward (for \"%s\")" % key)
            if checking and not isinstance(value, torch.Tensor):
                raise ExportError('forward (for "%s") returned %s, not a tensor; say which output it is (logits=0 for a tuple)'
                                  % (key, type(value).__name__))
            result[key] = value
        B = audio.size(0)
        T = audio.size(1)
        grouped = collections.OrderedDict()
        fx_index = 0
        for capture in self.captures:
            what = "capture %s" % capture.describe()
            if capture.module is not None:
                value = _pick(taps[capture.module].calls, capture.occurrence, 'capture "%s": the module' % capture.module)
            elif capture.mark is not None:
                marked = [v for name, v in recorder.values if name == capture.mark]
                if not marked:
                    names = sorted({name for name, _ in recorder.values})
                    raise ExportError('capture mark "%s": avqa_lens.mark("%s", ...) never ran during forward%s' % (
                        capture.mark, capture.mark, ("; marks that ran: " + ", ".join(names)) if names else ""))
                value = _pick(marked, capture.occurrence, 'capture mark "%s"' % capture.mark)
            else:
                value = fx_values[fx_index]
                fx_index += 1
            value = select_output(value, capture.output_index, what)
            if capture.reshape is not None:
                if checking:
                    try:
                        reshaped = capture.reshape(value, B, T)
                    except Exception as error:  # noqa: BLE001 - the user's lambda
                        raise ExportError('%s -> "%s": reshape failed on a value of shape %s: %s' % (
                            what, capture.to, shape_text(value.shape), str(error).splitlines()[0]))
                else:
                    reshaped = capture.reshape(value, B, T)
            else:
                reshaped = value
            if checking:
                if not isinstance(reshaped, torch.Tensor):
                    raise ExportError('%s -> "%s": reshape returned %s, not a tensor' % (what, capture.to, type(reshaped).__name__))
                want = [int(B) if w == "B" else w for w in self.expected.get(capture.to, [])]
                got = list(reshaped.shape)
                if want and (len(got) != len(want) or any(w >= 0 and g != w for g, w in zip(got, want))):
                    detail = (" (the value is %s before reshape)" % shape_text(value.shape)) if capture.reshape is not None else \
                        "; give reshape=lambda value, B, T: ..."
                    raise ExportError('%s -> "%s": got shape %s, expected %s%s' % (
                        what, capture.to, shape_text(got), shape_text(want), detail))
            grouped.setdefault(capture.to, []).append(reshaped)
        for key, values in grouped.items():
            result[key] = values[0] if len(values) == 1 else torch.stack(values, 0).mean(0)
        for key in list(result):
            if result[key].dtype != torch.float32:  # the app reads float maps
                result[key] = result[key].float()
        return result


def _selector_text(selector):
    return "the output" if selector is None else ("output %r" % (selector,))


def _max_difference(a, b):
    diffs = {}
    for key in a:
        if key not in b or a[key].shape != b[key].shape:
            diffs[key] = float("inf")
        else:
            diffs[key] = float((a[key] - b[key]).abs().max()) if a[key].numel() else 0.0
    return diffs


def _close_enough(a, b, atol=1e-5, rtol=1e-4):
    bad = {}
    for key, diff in _max_difference(a, b).items():
        scale = float(b[key].abs().max()) if key in b and b[key].numel() else 0.0
        if diff > atol + rtol * scale:
            bad[key] = diff
    return bad


def build_meta(*, name, answers, time_steps, stride_s, audio, visual, patches=None, vocab=None, max_len=14,
               lowercase=False, question_features=None, batch=False, encoders=None, format_version=2, provenance=None):
    """avqa.json as a dict (format avqa-model/2 unless format_version=1)."""
    if format_version not in (1, 2):
        raise ExportError("format_version must be 1 or 2")
    if not isinstance(answers, (list, tuple)) or not answers or not all(isinstance(a, str) for a in answers):
        raise ExportError("answers must be a non-empty list of strings (index i names logits column i)")
    if not isinstance(time_steps, int) or time_steps <= 0 or not isinstance(stride_s, (int, float)) or stride_s <= 0:
        raise ExportError("time_steps (an int) and stride_s (seconds) must be positive")
    for role, spec in (("audio", audio), ("visual", visual)):
        if not isinstance(spec, Features) or isinstance(spec, Patches):
            raise ExportError("%s must be an avqa_lens.Features (e.g. avqa_lens.VGGISH)" % role)
    if patches is not None and not isinstance(patches, Patches):
        raise ExportError("patches must be an avqa_lens.Patches (e.g. avqa_lens.RESNET18_14X14_PATCHES) or None")
    if (vocab is None) == (question_features is None):
        raise ExportError("give vocab (a token question) or question_features (a feature question), not both or neither")
    meta = collections.OrderedDict()
    meta["format"] = FORMAT_V2 if format_version == 2 else FORMAT_V1
    meta["name"] = name
    meta["answers"] = list(answers)
    meta["time_steps"] = time_steps
    meta["stride_s"] = stride_s
    if format_version == 2:
        meta["batch"] = bool(batch)
    if vocab is not None:
        vocab = list(vocab)
        try:
            check_vocab(vocab)
        except ValueError as error:
            raise ExportError(str(error))
        if not isinstance(max_len, int) or max_len <= 0:
            raise ExportError("max_len must be a positive int")
        question = collections.OrderedDict([("kind", "tokens"), ("vocab", vocab)])
        if format_version == 2:
            question["vocab_sha256"] = vocab_sha256(vocab)
        question["max_len"] = max_len
        question["lowercase"] = bool(lowercase)
        meta["question"] = question
    else:
        if not isinstance(question_features, QuestionFeatures):
            raise ExportError("question_features must be an avqa_lens.QuestionFeatures(dim, kind)")
        meta["question"] = question_features.to_json()
    features = collections.OrderedDict()
    features["audio"] = audio.to_json(time_steps, stride_s, format_version)
    features["visual"] = visual.to_json(time_steps, stride_s, format_version)
    if patches is not None:
        features["patches"] = patches.to_json(time_steps, stride_s, format_version)
    meta["features"] = features
    if encoders:
        meta["encoders"] = dict(encoders)
    meta["exported_by"] = collections.OrderedDict([("tool", "avqa_lens %s" % __version__), ("torch", torch.__version__)])
    if provenance:
        meta["exported_by"]["outputs"] = provenance
    return meta


def export_model(model, path, *, answers, time_steps, stride_s, audio, visual, patches=None, adapter=None,
                 logits=0, outputs=None, captures=(), vocab=None, max_len=14, lowercase=False, question_features=None,
                 batch=False, name=None, encoders=None, example_inputs=None, format_version=2):
    """Traces `model` inside a wrapper whose forward(audio, visual, patches, question)
    returns the contract's Dict[str, Tensor], checks it, and saves it with avqa.json.

    adapter(audio, visual, patches, question) -> the model's forward arguments: a tuple
      (positional), a dict (keywords) or Args(...); None passes the four as they are.
    logits: which of forward's outputs is the logits: an index into a tuple, a key of a
      dict, or None when forward returns the logits tensor itself.
    outputs: more contract keys taken from forward's result, {"logits_audio": 2, ...}.
    captures: avqa_lens.Capture objects for maps forward computes but does not return.
    vocab (+ max_len, lowercase) for token ids [B,L], or question_features for [B,Dq].
    batch: whether the file is meant for B > 1 (checked at B=2 before it is written).
    example_inputs: (audio, visual, patches, question) at B=1; random from the spec if None.
    Returns ExportResult(path, meta, shapes of the outputs at B=1)."""
    if not isinstance(model, torch.nn.Module):
        raise ExportError("model must be a torch.nn.Module")
    selectors = collections.OrderedDict([("logits", logits)])
    for key, selector in (outputs or {}).items():
        if key not in OUTPUT_SHAPES:
            raise ExportError('outputs: "%s" is not a contract output (%s)' % (key, ", ".join(OUTPUT_SHAPES)))
        selectors[key] = selector
    captures = list(captures)
    for capture in captures:
        if not isinstance(capture, Capture):
            raise ExportError("captures are avqa_lens.Capture objects, got %r" % (capture,))
        if capture.to not in OUTPUT_SHAPES or capture.to == "logits":
            raise ExportError('capture %s: to="%s" is not a map of the contract (%s)' % (
                capture.describe(), capture.to, ", ".join(k for k in OUTPUT_SHAPES if k != "logits")))
        if capture.to in selectors:
            raise ExportError('capture %s: "%s" is already taken from forward\'s outputs' % (capture.describe(), capture.to))
    provenance = collections.OrderedDict((key, "forward " + _selector_text(sel)) for key, sel in selectors.items())
    for capture in captures:
        provenance.setdefault(capture.to, [])
        provenance[capture.to].append(capture.describe())
    meta = build_meta(name=name or type(model).__name__, answers=answers, time_steps=time_steps, stride_s=stride_s,
                      audio=audio, visual=visual, patches=patches, vocab=vocab, max_len=max_len, lowercase=lowercase,
                      question_features=question_features, batch=batch, encoders=encoders, format_version=format_version,
                      provenance=provenance)
    meta_text = json.dumps(meta, ensure_ascii=False, indent=1)
    try:
        info = parse_meta(meta_text)
    except ContractError as error:
        raise ExportError(str(error))

    was_training = model.training
    model.eval()
    try:
        taps = collections.OrderedDict()
        for capture in captures:
            if capture.module is not None:
                taps[capture.module] = resolve_module(model, capture.module)
        fx_captures = [c for c in captures if c.uses_fx]
        callee = fx_with_captures(model, fx_captures, list(taps)) if fx_captures else model
        expected = {key: ["B"] + shape[1:] for key, shape in expected_shapes(info, 1).items()}
        wrapper = _Contract(callee, adapter, selectors, captures, len(fx_captures), taps, expected).eval()

        example = tuple(example_inputs) if example_inputs is not None else contract_example(info, 1, seed=0)
        if len(example) != 4:
            raise ExportError("example_inputs is (audio, visual, patches, question)")
        with torch.no_grad():
            eager = _run_eager(wrapper, example, "the example inputs")
            _check_logits(eager, answers)
            _raise_first(check_outputs(eager, info, 1))
            traced, tracer_warnings = trace_quietly(wrapper, example)
            portable_devices(traced)
            second = contract_example(info, 1, seed=1)
            bad = _close_enough(traced(*second), _run_eager(wrapper, second, "a second input"))
            if bad:
                raise ExportError("the traced model's outputs differ from the PyTorch model's on a second input (%s): "
                                  "forward takes a data-dependent path (Python if/for on tensor values, .item(), "
                                  "numpy) that the trace froze%s" % (", ".join('"%s" by %.3g' % kv for kv in bad.items()),
                                                                     _warning_hint(tracer_warnings)))
            if batch:
                _check_batch(traced, wrapper, info)
        directory = os.path.dirname(os.path.abspath(path))
        os.makedirs(directory, exist_ok=True)
        torch.jit.save(traced, path, _extra_files={"avqa.json": meta_text})
    finally:
        model.train(was_training)

    from .check import check_file  # the saved file, as the app will read it

    report = check_file(path)
    if report.problems:
        raise ExportError("%s: %s" % (path, report.problems[0]))
    return ExportResult(path, meta, report.shapes)


def trace_quietly(module, example):
    """torch.jit.trace, keeping its TracerWarnings instead of printing them: most come from
    torch's own modules (nn.LSTM, nn.MultiheadAttention checks) and the export checks the
    trace on a second input (and a batch) instead. Returns (traced, the warnings)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", torch.jit.TracerWarning)
        try:
            traced = torch.jit.trace(module, example, strict=False, check_trace=False)
        except ExportError:
            raise
        except Exception as error:  # noqa: BLE001
            raise ExportError("torch.jit.trace failed: %s" % str(error).splitlines()[0])
    kept = []
    for warning in caught:
        if issubclass(warning.category, torch.jit.TracerWarning):
            kept.append(warning)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return traced, kept


def _warning_hint(caught):
    torch_dir = os.path.dirname(torch.__file__)
    here = os.path.dirname(os.path.abspath(__file__))
    own = [w for w in caught if not w.filename.startswith(torch_dir) and not w.filename.startswith(here)]
    if not own:
        return ""
    w = own[0]
    return "; the tracer warned at %s:%d: %s" % (w.filename, w.lineno, str(w.message).split(".")[0])


def portable_devices(traced):
    """The tracer writes the device of factory calls (torch.zeros, zeros_like, arange, ...)
    into the graph as a constant: "cpu" here, which breaks the file where the app runs it on
    a CUDA GPU. Inline the graph and take every such device from the first input instead.
    Returns how many constants were replaced."""
    graph = traced.graph
    torch._C._jit_pass_inline(graph)
    constants = [n for n in graph.findAllNodes("prim::Constant") if str(n.output().type()) == "Device"]
    if not constants:
        return 0
    first_input = list(graph.inputs())[1]  # [0] is self
    device = graph.create("prim::device", [first_input])
    device.output().setType(torch._C.DeviceObjType.get())
    device.insertBefore(next(iter(graph.nodes())))
    for constant in constants:
        constant.output().replaceAllUsesWith(device.output())
    torch._C._jit_pass_dce(graph)
    return len(constants)


def contract_example(info, batch=1, seed=0):
    return _spec_inputs(info, batch, seed)


def _run_eager(wrapper, inputs, what):
    try:
        return wrapper(*inputs)
    except ExportError:
        raise
    except Exception as error:  # noqa: BLE001 - the researcher's forward
        raise ExportError("the model failed on %s: %s: %s" % (what, type(error).__name__, str(error).splitlines()[0] if str(error) else ""))


def _check_logits(outputs, answers):
    logits = outputs.get("logits")
    if logits is not None and logits.dim() == 2 and logits.shape[1] != len(answers):
        raise ExportError("logits has %d columns, answers has %d: answers[i] must name logits column i"
                          % (logits.shape[1], len(answers)))
    if logits is not None and logits.dim() != 2:
        raise ExportError("logits has shape %s, expected [1,%d]: pick the right output with logits=..."
                          % (shape_text(logits.shape), len(answers)))


def _raise_first(problems):
    if problems:
        raise ExportError(problems[0])


def _check_batch(traced, wrapper, info):
    inputs = contract_example(info, 2, seed=2)
    try:
        together = traced(*inputs)
    except Exception as error:  # noqa: BLE001
        raise ExportError("batch=True, but the traced model fails at B=2: %s" % str(error).splitlines()[0])
    problems = check_outputs(together, info, 2)
    if problems:
        raise ExportError("batch=True, but at B=2: %s" % problems[0])
    for b in range(2):
        alone = _run_eager(wrapper, tuple(x[b:b + 1] for x in inputs), "one sample of a batch")
        bad = _close_enough({k: v[b:b + 1] for k, v in together.items()}, alone)
        if bad:
            raise ExportError("batch=True, but sample %d of a B=2 batch differs from the same sample alone (%s): "
                              "the trace froze B=1 (e.g. .squeeze(), a literal batch size); export with batch=False"
                              % (b, ", ".join('"%s" by %.3g' % kv for kv in bad.items())))
