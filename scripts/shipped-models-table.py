#!/usr/bin/python3
"""The README's shipped-model tables, from `avqa-lens eval --json` outputs (never typed).

Usage: shipped-models-table.py [--curve] MODEL.avqamodel=EVAL.json [...]
With --curve, one line per model of a learning curve: training videos and questions, the
validation accuracy its training picked the epoch on, and the evaluated accuracy. Otherwise
prints Markdown: overall and per-group accuracy beside the blind baseline of the same split,
both pointing games and the temporal mass beside uniform attention, and each model's size and
training time as its file records them.
"""
import json
import os
import struct
import sys

GROUPS = ["Audio/Counting", "Audio/Comparative", "Visual/Counting", "Visual/Location", "Audio-Visual/Existential",
          "Audio-Visual/Counting", "Audio-Visual/Location", "Audio-Visual/Comparative", "Audio-Visual/Temporal"]
SHORT = {"Audio": "A", "Visual": "V", "Audio-Visual": "AV"}


def model_meta(path):
    with open(path, "rb") as f:
        magic = f.read(16)
        if magic != b"AVQA-LENS-MODEL\n":
            sys.exit(f"{path}: not an AVQA Lens model file")
        (size,) = struct.unpack("<Q", f.read(8))
        return json.loads(f.read(size))


def figure(faithfulness, name, digits=3):
    pair = (faithfulness or {}).get(name) or {}
    if pair.get("model") is None:
        return "-", "-"
    return f"{pair['model']:.{digits}f}", f"{pair['uniform']:.{digits}f}"


def minutes(seconds):
    seconds = int(round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s"


def main(pairs):
    rows = []
    for pair in pairs:
        model_path, eval_path = pair.split("=", 1)
        meta = model_meta(model_path)
        with open(eval_path) as f:
            evaluation = json.load(f)
        rows.append((model_path, meta, evaluation))
    print("| model | overall (blind) | " + " | ".join(f"{SHORT[g.split('/')[0]]} {g.split('/')[1]}" for g in GROUPS) +
          " | sound pointing (uniform) | question pointing (uniform) | temporal mass (uniform) |"
          " temporal mass where time matters (uniform) | size | head training |")
    print("|---" * (len(GROUPS) + 8) + "|")
    for model_path, meta, evaluation in rows:
        accuracy = evaluation["accuracy"]
        baseline = evaluation.get("blind_baseline", {}).get("groups", {})
        cells = []
        for group in GROUPS:
            got = accuracy["groups"].get(group, {}).get("accuracy")
            blind = baseline.get(group, {}).get("accuracy")
            text = "-" if got is None else f"{got:.1f}"
            if got is not None and blind is not None:
                text += f" ({blind:.1f})" if got > blind else f" **({blind:.1f})**"
            cells.append(text)
        faith = evaluation.get("faithfulness")
        sound = figure(faith, "pointing_game_sound")
        question = figure(faith, "pointing_game_question")
        temporal = figure(faith, "temporal_mass_in_evidence")
        partial = figure(faith, "temporal_mass_in_partial_evidence")
        training = meta.get("training", {})
        head_s = training.get("head_seconds", training.get("seconds", 0))
        size_mb = os.path.getsize(model_path) / 1e6
        name = f"{meta.get('name', meta['arch']).replace(' (built-in)', '')} `{os.path.basename(model_path)}`"
        print(f"| {name} | **{accuracy['overall']:.2f} %** ({evaluation['blind_baseline_accuracy']:.2f}) | " + " | ".join(cells) +
              f" | {sound[0]} ({sound[1]}) | {question[0]} ({question[1]}) | {temporal[0]} ({temporal[1]}) | {partial[0]} ({partial[1]})"
              f" | {size_mb:.1f} MB | {minutes(head_s)} |")


def curve(pairs):
    print("| training videos | training questions | validation accuracy | test accuracy (blind) | head training |")
    print("|---|---|---|---|---|")
    for pair in pairs:
        model_path, eval_path = pair.split("=", 1)
        training = model_meta(model_path).get("training", {})
        with open(eval_path) as f:
            evaluation = json.load(f)
        print(f"| {training.get('train_videos', 'all')} | {training.get('train_questions', '?')} | {training.get('val_accuracy', 0):.2f} % | "
              f"**{evaluation['accuracy']['overall']:.2f} %** ({evaluation['blind_baseline_accuracy']:.2f}) | "
              f"{minutes(training.get('head_seconds', training.get('seconds', 0)))} |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if sys.argv[1] == "--curve":
        curve(sys.argv[2:])
    else:
        main(sys.argv[1:])
