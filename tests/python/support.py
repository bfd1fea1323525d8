"""Shared by the Python tests: paths, a quiet torch, small helpers."""
import contextlib
import os
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "python", "examples")
for path in (os.path.join(ROOT, "python"), EXAMPLES):
    if path not in sys.path:
        sys.path.insert(0, path)

import torch  # noqa: E402

torch.set_num_threads(1)
torch.set_grad_enabled(False)


@contextlib.contextmanager
def temp_dir():
    path = tempfile.mkdtemp(prefix="avqa-py-")
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def max_diff(a, b):
    return float((torch.as_tensor(a, dtype=torch.float32) - torch.as_tensor(b, dtype=torch.float32)).abs().max())


@contextlib.contextmanager
def recording(module, name):
    """Replaces module.<name> (a function) by one that records each result, for the length
    of the `with`: the test's own window on functional calls, apart from the kit's."""
    original = getattr(module, name)
    calls = []

    def wrapper(*args, **kwargs):
        out = original(*args, **kwargs)
        calls.append(out)
        return out

    setattr(module, name, wrapper)
    try:
        yield calls
    finally:
        setattr(module, name, original)


def hooked_outputs(model, names):
    """{name: [outputs...]} of submodules, filled by forward hooks while the `with` lasts."""
    seen = {name: [] for name in names}
    modules = dict(model.named_modules())
    handles = [modules[name].register_forward_hook(lambda m, i, o, name=name: seen[name].append(o)) for name in names]
    return seen, handles
