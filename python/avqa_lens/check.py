"""`python3 -m avqa_lens check MODEL.pt`: what the app will make of a model file."""
import collections
import json
import os
import re
import zipfile

import torch

from .contract import (ENCODER_FORMAT, FEATURE_FOLDERS, OUTPUT_SHAPES, ContractError, check_outputs, example_inputs,
                       parse_meta, patch_count, rows_needed, shape_text)

CheckReport = collections.namedtuple("CheckReport", "path info shapes ignored problems notes warnings")

# TorchScript calls that reach the file system (Debian's torch 1.13 registers no TorchScript
# op or class that opens a socket or a process); __setstate__ runs while the file loads,
# before forward is ever called. A scan, not a sandbox: see docs/model-contract.md.
_SCAN = [
    (re.compile(r"\b(torch|ops\.aten)\.from_file\("), "torch.from_file: maps a file into a tensor (reads it; shared=True writes to it, creating it)"),
    (re.compile(r"\b(torch|ops\.aten)\.save\("), "torch.save: writes a file"),
    (re.compile(r"\bdef __setstate__\("), "__setstate__: TorchScript code that runs while the file loads"),
]

BUILTIN_MAGIC = b"AVQA-LENS-MODEL"


def load_torchscript(path):
    """torch.jit.load with avqa.json, failing with the app's messages."""
    if not os.path.isfile(path):
        raise ContractError("no such model file")
    with open(path, "rb") as f:
        if f.read(len(BUILTIN_MAGIC)) == BUILTIN_MAGIC:
            raise ContractError("is a built-in AVQA Lens model file (not TorchScript); `avqa-lens inspect` reads it")
    extra = {"avqa.json": ""}
    try:
        module = torch.jit.load(path, map_location="cpu", _extra_files=extra)
    except Exception:  # noqa: BLE001
        raise ContractError("is neither an AVQA Lens model file nor a TorchScript model LibTorch can load")
    text = extra["avqa.json"]
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    if not text:
        raise ContractError('has no avqa.json (save it with torch.jit.save(m, path, _extra_files={"avqa.json": ...}))')
    module.eval()
    return module, text


def scan_code(path):
    """Reads the TorchScript source stored in the archive (code/**/*.py) without loading it
    and returns 'file:line: what' for each call that touches files and each __setstate__."""
    found = []
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if "/code/" not in name or not name.endswith(".py"):
                    continue
                text = archive.read(name).decode("utf-8", "replace")
                for number, line in enumerate(text.splitlines(), 1):
                    for pattern, what in _SCAN:
                        if pattern.search(line):
                            found.append("%s:%d: %s" % (name, number, what))
    except (OSError, zipfile.BadZipFile):
        pass
    return found


def read_meta_text(path):
    """avqa.json straight from the archive, without loading (running) anything."""
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.endswith("/extra/avqa.json")]
        return archive.read(names[0]).decode("utf-8") if names else ""


def _first_line(error):
    text = str(error)
    raised = text.rfind("RuntimeError: ")
    if raised >= 0:
        return text[raised:].split("\n", 1)[0]
    return text.split("\n\n", 1)[0].strip()


def _check_encoder(role, file, info, notes, problems):
    try:
        module, text = None, ""
        extra = {"avqa.json": ""}
        try:
            module = torch.jit.load(file, map_location="cpu", _extra_files=extra)
        except Exception:  # noqa: BLE001
            raise ContractError("is not a TorchScript encoder LibTorch can load")
        text = extra["avqa.json"].decode("utf-8") if isinstance(extra["avqa.json"], bytes) else extra["avqa.json"]
        try:
            meta = json.loads(text)
            if meta["format"] != ENCODER_FORMAT:
                raise ContractError('avqa.json: format must be "avqa-encoder/1"')
            name = meta["name"]
        except (ValueError, KeyError, TypeError) as error:
            raise ContractError("encoder avqa.json is missing or wrong: %s" % error)
        module.eval()
        with torch.no_grad():
            if role == "audio":
                dim = meta.get("output", {}).get("dim", 0)
                if dim <= 0:
                    raise ContractError("encoder avqa.json: output.dim must be positive")
                out = module(torch.zeros(2, 1, 96, 64))
                if not isinstance(out, torch.Tensor) or list(out.shape) != [2, dim]:
                    raise ContractError("encoder output must be [N,%d]" % dim)
                if dim != info["audio"]["dim"]:
                    raise ContractError("audio features have %d values per step, model %s expects %d" % (dim, info["name"], info["audio"]["dim"]))
                notes.append("encoder audio: %s (%s), log-mel [N,1,96,64] -> [N,%d]" % (file, name, dim))
            else:
                output, inp = meta["output"], meta["input"]
                size = inp["size"]
                grid = output["grid"]
                out = module(torch.zeros(2, 3, size[0], size[1]))
                if not isinstance(out, tuple) or len(out) != 2:
                    raise ContractError("visual encoder must return (cls [N,D], patches [N,M,Dp])")
                cls, patches = out
                if list(cls.shape) != [2, output["dim"]] or list(patches.shape) != [2, grid[0] * grid[1], output["patch_dim"]]:
                    raise ContractError("visual encoder outputs do not match its avqa.json (dim, grid, patch_dim)")
                if output["dim"] != info["visual"]["dim"]:
                    raise ContractError("visual features have %d values per step, model %s expects %d" % (output["dim"], info["name"], info["visual"]["dim"]))
                if info["patches"] and output["patch_dim"] != info["patches"]["dim"]:
                    raise ContractError("patch features have %d values per step, model %s expects %d" % (output["patch_dim"], info["name"], info["patches"]["dim"]))
                if info["patches"] and grid[0] * grid[1] != patch_count(info):
                    raise ContractError("declares a %dx%d patch grid but its features hold %d patches" % (
                        info["patches"]["grid"][0], info["patches"]["grid"][1], grid[0] * grid[1]))
                notes.append("encoder visual: %s (%s), frames [N,3,%d,%d] %s -> cls [N,%d], patches [N,%d,%d]" % (
                    file, name, size[0], size[1], inp.get("crop", "full-frame"), output["dim"], grid[0] * grid[1], output["patch_dim"]))
    except ContractError as error:
        problems.append("%s: %s" % (file, error))
    except (KeyError, TypeError, IndexError) as error:
        problems.append("%s: encoder avqa.json is missing or wrong: %s" % (file, error))
    except Exception as error:  # noqa: BLE001
        problems.append("%s: the encoder failed: %s" % (file, _first_line(error)))


def check_file(path, batch=None, run=True):
    """Loads `path` as the app does, runs forward on inputs shaped from its avqa.json (B=1,
    and B=2 when it declares batch) and returns a CheckReport; `problems` holds the app's
    messages (empty: the app can use the file)."""
    notes, problems, shapes, ignored = [], [], collections.OrderedDict(), []
    warnings = scan_code(path) if os.path.isfile(path) else []
    if not run:
        try:
            if not os.path.isfile(path):
                raise ContractError("no such model file")
            try:
                text = read_meta_text(path)
            except zipfile.BadZipFile:
                raise ContractError("is neither an AVQA Lens model file nor a TorchScript model LibTorch can load")
            if not text:
                raise ContractError('has no avqa.json (save it with torch.jit.save(m, path, _extra_files={"avqa.json": ...}))')
            info = parse_meta(text)
        except ContractError as error:
            return CheckReport(path, None, shapes, ignored, [str(error)], notes, warnings)
        notes.append("not run (--no-run): only avqa.json and the stored code were read")
        return CheckReport(path, info, shapes, ignored, problems, notes, warnings)
    try:
        module, text = load_torchscript(path)
        info = parse_meta(text)
    except ContractError as error:
        return CheckReport(path, None, shapes, ignored, [str(error)], notes, warnings)
    sizes = [1]
    if batch is not None:
        sizes = [batch] if batch == 1 else [1, batch]
    elif info["batch"]:
        sizes = [1, 2]
    for b in sizes:
        inputs = example_inputs(info, b, seed=0)
        try:
            with torch.no_grad():
                outputs = module(*inputs)
        except Exception as error:  # noqa: BLE001
            problems.append("the model failed%s: %s" % ("" if b == 1 else " at B=%d" % b, _first_line(error)))
            break
        found = check_outputs(outputs, info, b)
        if b == 1 and isinstance(outputs, dict):
            for key, value in outputs.items():
                if isinstance(value, torch.Tensor):
                    shapes[key] = list(value.shape)
                if key not in OUTPUT_SHAPES:
                    ignored.append(key)
        problems.extend(p if b == 1 else "at B=%d: %s" % (b, p) for p in found)
        if found:
            break
    folder = os.path.dirname(os.path.abspath(path))
    for role, file in info["encoders"].items():
        _check_encoder(role, os.path.join(folder, file), info, notes, problems)
    for role in ("audio", "visual"):
        kind = info[role]["kind"]
        if kind not in FEATURE_FOLDERS and role not in info["encoders"]:
            notes.append("%s kind %s is no --features folder the app reads (%s) and no encoder is named: "
                         "ask needs features it can find" % (role, kind, ", ".join(FEATURE_FOLDERS)))
    return CheckReport(path, info, shapes, ignored, problems, notes, warnings)


def describe(report):
    info = report.info
    lines = []
    if info is None:
        return lines
    q = info["question"]
    lines.append("%s: %s \"%s\", %d answers, T=%d steps of %g s, batch: %s" % (
        report.path, info["format"], info["name"], len(info["answers"]), info["time_steps"], info["stride_s"],
        "yes" if info["batch"] else "no (B=1)"))
    t = info["time_steps"]
    lines.append("inputs:")
    lines.append("  audio     %s  %s" % (shape_text([1, t, info["audio"]["dim"]]), info["audio"]["kind"]))
    lines.append("  visual    %s  %s" % (shape_text([1, t, info["visual"]["dim"]]), info["visual"]["kind"]))
    if info["patches"]:
        p = info["patches"]
        lines.append("  patches   %s  %s, grid %dx%d, %s" % (shape_text([1, t, patch_count(info), p["dim"]]), p["kind"],
                                                          p["grid"][0], p["grid"][1], p["crop"]))
    else:
        lines.append("  patches   [1,%d,0,0]  (none declared)" % t)
    if q["kind"] == "tokens":
        lines.append("  question  [1,%d] int64 token ids, %d words%s" % (q["max_len"], len(q["vocab"]), ", lowercased" if q["lowercase"] else ""))
    else:
        lines.append("  question  [1,%d] float features (%s)" % (q["dim"], q["feature_kind"]))
    if report.shapes:
        lines.append("outputs:")
        for key, shape in report.shapes.items():
            lines.append("  %-17s %s%s" % (key, shape_text(shape), "  (not in the contract: the app ignores it)" if key in report.ignored else ""))
    for role in ("audio", "visual", "patches"):
        spec = info.get(role)
        if not spec:
            continue
        text = "%s: %s, %g .npy rows per second, %d rows for T x stride" % (role, spec["kind"], spec["rows_per_s"], rows_needed(info, spec))
        if spec["extractor"] and not (role == "patches" and spec["extractor"] == info["visual"]["extractor"]):
            text += "; made by: " + spec["extractor"]
        lines.append(text)
    lines.extend(report.notes)
    return lines


def main(argv):
    import argparse

    parser = argparse.ArgumentParser(prog="python3 -m avqa_lens check",
                                     description="Load a model file as avqa-lens does, run it once and report what it provides.")
    parser.add_argument("model", help="TorchScript .pt with avqa.json")
    parser.add_argument("--batch", type=int, default=None, help="also run at this batch size (default: 2 if avqa.json says batch)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-run", action="store_true",
                        help="only read avqa.json and scan the stored code; load and run nothing (a file from someone else)")
    args = parser.parse_args(argv)
    report = check_file(args.model, args.batch, run=not args.no_run)
    if args.json:
        print(json.dumps({"path": report.path, "ok": not report.problems, "problems": report.problems,
                          "outputs": report.shapes, "ignored": report.ignored, "notes": report.notes,
                          "warnings": report.warnings,
                          "format": report.info["format"] if report.info else None}, indent=2))
    else:
        for line in describe(report):
            print(line)
        for warning in report.warnings:
            print("warning: %s" % warning)
        encoders = tuple(os.path.join(os.path.dirname(os.path.abspath(report.path)), f)
                         for f in (report.info["encoders"].values() if report.info else ()))
        for problem in report.problems:  # FILE: problem, as the app words its errors
            print("error: %s" % problem if encoders and problem.startswith(encoders) else "error: %s: %s" % (report.path, problem))
        if not report.problems:
            print("ok: avqa-lens can use this model" if not args.no_run else "ok: avqa-lens reads this avqa.json (forward not run)")
    return 1 if report.problems else 0


def console_main():
    """The avqa-lens-check command a pip install adds (= python3 -m avqa_lens check)."""
    import sys

    sys.exit(main(sys.argv[1:]))
