"""Reading a model's internal maps without editing its class.

Three sources, one `Capture` type:

* a submodule's output, or one element of it (`Capture("attn_v", output_index=1, ...)`):
  while the export traces the model, that submodule's `forward` is replaced on the instance
  by one that calls the original and keeps its result; no torch.fx needed.
* a functional call inside forward (`Capture.function(F.softmax, occurrence=0, ...)` or
  `Capture.node("softmax", ...)`): the model is put through torch.fx.symbolic_trace and the
  call's graph node becomes an extra output. Needs a model torch.fx can trace.
* a marker the researcher put in forward (`x = avqa_lens.mark("sound_spatial", x)`, an
  identity outside an export): works for any model torch.jit.trace can trace.

Each capture has a `to` key of the contract and an optional `reshape(value, B, T)`
applied inside the traced graph (B and T are the traced batch and step sizes, so the
exported file stays valid for other batch sizes).
"""
import difflib
import dis
import inspect

import torch

from .contract import shape_text
from .errors import ExportError

_recording = None  # the list marks append to while an export traces the model


def mark(name, value):
    """Identity. While avqa_lens exports the model, records `value` under `name` so a
    `Capture.of_mark(name)` can return it; under torch.fx it stays in the graph as a call."""
    if isinstance(value, torch.fx.Proxy):
        return value.tracer.create_proxy("call_function", mark, (name, value), {})
    if _recording is not None:
        _recording.append((name, value))
    return value


class Capture:
    """Where a contract output comes from inside the model.

    Capture("attn_v", output_index=1, to="temporal", reshape=lambda w, B, T: w.reshape(B, T))
    Capture.function(torch.nn.functional.softmax, occurrence=0, to="sound_spatial", ...)
    Capture.node("softmax_1", to="sound_spatial", ...)
    Capture.of_mark("sound_spatial")

    `occurrence` picks one call when the module, the function or the mark runs more than
    once per forward (0 = the first, -1 = the last). Several captures with the same `to`
    are averaged (AVST's temporal readout is the mean of its audio and visual attention).
    """

    def __init__(self, module=None, *, to, output_index=None, reshape=None, occurrence=0,
                 function=None, node=None, mark=None):
        sources = [s for s in (module, function, node, mark) if s is not None]
        if len(sources) != 1:
            raise ExportError("a Capture names exactly one of module, function, node or mark")
        self.module = module
        self.function = function
        self.node = node
        self.mark = mark
        self.to = to
        self.output_index = output_index
        self.reshape = reshape
        self.occurrence = occurrence

    @classmethod
    def function(cls, function, *, to, occurrence=0, output_index=None, reshape=None):
        return cls(function=function, to=to, occurrence=occurrence, output_index=output_index, reshape=reshape)

    @classmethod
    def node(cls, name, *, to, output_index=None, reshape=None):
        return cls(node=name, to=to, output_index=output_index, reshape=reshape)

    @classmethod
    def of_mark(cls, name, *, to=None, occurrence=0, reshape=None):
        return cls(mark=name, to=to or name, occurrence=occurrence, reshape=reshape)

    @property
    def uses_fx(self):
        return self.function is not None or self.node is not None

    def describe(self):
        if self.module is not None:
            text = 'module "%s"' % self.module
        elif self.function is not None:
            text = 'function %s' % _function_name(self.function)
        elif self.node is not None:
            text = 'graph node "%s"' % self.node
        else:
            text = 'mark "%s"' % self.mark
        if self.output_index is not None:
            text += " output %d" % self.output_index
        if self.occurrence and self.node is None:
            text += " (call %d)" % self.occurrence
        return text

    def __repr__(self):
        return "Capture(%s -> %s)" % (self.describe(), self.to)


def _function_name(function):
    if isinstance(function, str):
        return function
    module = getattr(function, "__module__", None) or ""
    return (module + "." if module else "") + getattr(function, "__name__", repr(function))


def _close(name, names, limit=6):
    close = difflib.get_close_matches(name, names, n=limit, cutoff=0.4)
    if not close:
        close = [n for n in names if n.split(".")[-1] in name or name.split(".")[-1] in n][:limit]
    return close


def resolve_module(model, name):
    modules = dict(model.named_modules())
    if name in modules and name != "":
        return modules[name]
    names = [n for n in modules if n]
    close = _close(name, names)
    hint = ("; close names: " + ", ".join(close)) if close else ("; its submodules: " + ", ".join(names[:12]) + (", ..." if len(names) > 12 else ""))
    raise ExportError('capture "%s": the model has no submodule "%s"%s' % (name, name, hint))


def select_output(value, index, what):
    """value[index] for a tuple/list output, value[index] for a dict output (str index),
    value itself when index is None and value is a tensor."""
    if index is None:
        if isinstance(value, torch.Tensor):
            return value
        if isinstance(value, (tuple, list)):
            raise ExportError("%s returned a tuple of %d; give output_index (0..%d)" % (what, len(value), len(value) - 1))
        if isinstance(value, dict):
            raise ExportError("%s returned a dict (%s); give output_index (a key)" % (what, ", ".join(map(str, value))))
        raise ExportError("%s returned %s, not a tensor" % (what, type(value).__name__))
    if isinstance(value, dict):
        if index not in value:
            raise ExportError('%s: output "%s" is not a key of the dict it returned (%s)' % (what, index, ", ".join(map(str, value))))
        chosen = value[index]
    elif isinstance(value, (tuple, list)):
        if not isinstance(index, int) or not -len(value) <= index < len(value):
            raise ExportError("%s: output index %s is out of range: it returned a tuple of %d" % (what, index, len(value)))
        chosen = value[index]
    else:
        if isinstance(value, torch.Tensor):
            raise ExportError("%s: output index %s given, but it returned one tensor (shape %s)" % (what, index, shape_text(value.shape)))
        raise ExportError("%s returned %s, not a tuple" % (what, type(value).__name__))
    if not isinstance(chosen, torch.Tensor):
        raise ExportError("%s: output %s is %s, not a tensor" % (what, index, type(chosen).__name__))
    return chosen


class _ModuleTap:
    """Replaces one submodule's forward on the instance for the length of a `with`."""

    def __init__(self, module):
        self.module = module
        self.calls = []

    def __enter__(self):
        original = self.module.forward
        calls = self.calls

        def forward(*args, **kwargs):
            out = original(*args, **kwargs)
            calls.append(out)
            return out

        self.module.forward = forward
        return self

    def __exit__(self, *exc):
        del self.module.forward  # back to the class's forward
        return False


class _Recorder:
    def __enter__(self):
        global _recording
        self.previous = _recording
        self.values = []
        _recording = self.values
        return self

    def __exit__(self, *exc):
        global _recording
        _recording = self.previous
        return False


def _pick(calls, occurrence, what):
    if not calls:
        raise ExportError("%s never ran during forward" % what)
    if not -len(calls) <= occurrence < len(calls):
        raise ExportError("%s ran %d time(s) during forward; occurrence %d is out of range" % (what, len(calls), occurrence))
    return calls[occurrence]


# torch.fx --------------------------------------------------------------------------------

class _Proxy(torch.fx.Proxy):
    """torch.fx.Proxy whose unpacking (`B, T, C = x.size()`) finds the calling
    UNPACK_SEQUENCE by byte offset: torch 1.13 indexes the instruction list by f_lasti // 2,
    which is wrong on Python 3.11 (inline cache entries), and fails there."""

    def __iter__(self):
        frame = inspect.currentframe().f_back
        inst = None
        for candidate in dis.get_instructions(frame.f_code):
            if candidate.offset == frame.f_lasti:
                inst = candidate
                break
        if inst is not None and inst.opname == "UNPACK_SEQUENCE":
            return (self[i] for i in range(inst.argval))
        return self.tracer.iter(self)


class _LeafTracer(torch.fx.Tracer):
    def __init__(self, leaves):
        super().__init__()
        self.leaves = set(leaves)

    def proxy(self, node):
        return _Proxy(node, self)

    def is_leaf_module(self, m, qualname):
        return qualname in self.leaves or super().is_leaf_module(m, qualname)


def _matches(node, function):
    if isinstance(function, str):
        if node.op == "call_method":
            return node.target == function
        return node.op == "call_function" and getattr(node.target, "__name__", None) == function
    return node.op == "call_function" and node.target is function


def fx_with_captures(model, captures, leaf_modules):
    """torch.fx.symbolic_trace of `model` whose forward returns (its output, *the captured
    nodes' values) in the order of `captures` (those that use fx)."""
    tracer = _LeafTracer(leaf_modules)
    try:
        graph = tracer.trace(model)
    except Exception as error:  # noqa: BLE001 - fx raises many kinds
        raise ExportError("function and node captures need torch.fx, and torch.fx.symbolic_trace failed on %s: %s "
                          "(use a module capture, or avqa_lens.mark(name, x) in forward and Capture.of_mark)"
                          % (type(model).__name__, str(error).splitlines()[0] if str(error) else type(error).__name__))
    nodes = list(graph.nodes)
    chosen = []
    for capture in captures:
        if capture.node is not None:
            found = [n for n in nodes if n.name == capture.node]
            if not found:
                names = [n.name for n in nodes if n.op in ("call_function", "call_method", "call_module")]
                close = _close(capture.node, names)
                raise ExportError('capture "%s": the traced graph has no node "%s"%s' % (
                    capture.node, capture.node, ("; close names: " + ", ".join(close)) if close else ""))
            chosen.append(found[0])
        else:
            calls = [n for n in nodes if _matches(n, capture.function)]
            what = "capture %s: %s" % (capture.to, capture.describe())
            if not calls:
                called = sorted({_function_name(n.target) for n in nodes if n.op in ("call_function", "call_method")})
                raise ExportError("%s is never called in the traced forward; it calls: %s" % (what, ", ".join(called)))
            chosen.append(_pick(calls, capture.occurrence, "capture %s: %s" % (capture.to, _function_name(capture.function))))
    output = [n for n in nodes if n.op == "output"][0]
    original = output.args[0]
    output.args = ((original,) + tuple(chosen),)
    graph.lint()
    module = torch.fx.GraphModule(tracer.root, graph, type(model).__name__ + "WithCaptures")
    return module
