#!/usr/bin/python3
"""The README's shipped-model tables, from `avqa-lens eval --json` outputs (never typed).

Usage: shipped-models-table.py [--curve] MODEL.avqamodel=EVAL.json[,MORE.json,...] [...]
The first EVAL.json after "=" fills the table (the issue's test split); further ones, other
splits of the same fresh benchmark, add a column: accuracy over every question of every file,
with its standard error taken over videos (questions about one video succeed or fail
together, so the question count overstates what a small split shows).
With --curve, one line per model of a learning curve: training videos and questions, the
validation accuracy its training picked the epoch on, the evaluated accuracy (and over all
given splits) and both pointing games on the first split. Otherwise
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


def pooled_accuracy(evaluations):
    """Accuracy over all questions, its standard error clustered by video, and the video count."""
    per_video = {}
    for evaluation in evaluations:
        for question in evaluation["questions"]:
            right, count = per_video.get(question["video_id"], (0, 0))
            per_video[question["video_id"]] = (right + int(bool(question["right"])), count + 1)
    right = sum(r for r, _ in per_video.values())
    total = sum(n for _, n in per_video.values())
    videos = len(per_video)
    if total == 0 or videos < 2:
        return None
    p = right / total
    spread = sum((r - p * n) ** 2 for r, n in per_video.values()) * videos / (videos - 1)
    return 100 * p, 100 * spread ** 0.5 / total, videos, total


def minutes(seconds):
    seconds = int(round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s"


def main(pairs):
    rows = []
    for pair in pairs:
        model_path, eval_paths = pair.split("=", 1)
        meta = model_meta(model_path)
        evaluations = []
        for eval_path in eval_paths.split(","):
            with open(eval_path) as f:
                evaluations.append(json.load(f))
        rows.append((model_path, meta, evaluations[0], pooled_accuracy(evaluations) if len(evaluations) > 1 else None))
    wide = any(row[3] for row in rows)
    print("| model | overall (blind) | " + ("all splits ± s.e. (videos) | " if wide else "") +
          " | ".join(f"{SHORT[g.split('/')[0]]} {g.split('/')[1]}" for g in GROUPS) +
          " | sound pointing (uniform) | question pointing (uniform) | temporal mass (uniform) |"
          " temporal mass where time matters (uniform) | size | head training |")
    print("|---" * (len(GROUPS) + 8 + int(wide)) + "|")
    for model_path, meta, evaluation, pooled in rows:
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
        wide_cell = ""
        if wide:
            wide_cell = f"{pooled[0]:.2f} ± {pooled[1]:.2f} % ({pooled[2]}) | " if pooled else "- | "
        print(f"| {name} | **{accuracy['overall']:.2f} %** ({evaluation['blind_baseline_accuracy']:.2f}) | " + wide_cell + " | ".join(cells) +
              f" | {sound[0]} ({sound[1]}) | {question[0]} ({question[1]}) | {temporal[0]} ({temporal[1]}) | {partial[0]} ({partial[1]})"
              f" | {size_mb:.1f} MB | {minutes(head_s)} |")


def curve(pairs):
    print("| training videos | training questions | validation accuracy | test accuracy (blind) | all splits ± s.e. (videos) |"
          " sound pointing (uniform) | question pointing (uniform) | head training |")
    print("|---|---|---|---|---|---|---|---|")
    for pair in pairs:
        model_path, eval_paths = pair.split("=", 1)
        training = model_meta(model_path).get("training", {})
        evaluations = []
        for eval_path in eval_paths.split(","):
            with open(eval_path) as f:
                evaluations.append(json.load(f))
        evaluation = evaluations[0]
        pooled = pooled_accuracy(evaluations) if len(evaluations) > 1 else None
        sound = figure(evaluation.get("faithfulness"), "pointing_game_sound")
        question = figure(evaluation.get("faithfulness"), "pointing_game_question")
        print(f"| {training.get('train_videos', 'all')} | {training.get('train_questions', '?')} | {training.get('val_accuracy', 0):.2f} % | "
              f"**{evaluation['accuracy']['overall']:.2f} %** ({evaluation['blind_baseline_accuracy']:.2f}) | "
              + (f"{pooled[0]:.2f} ± {pooled[1]:.2f} % ({pooled[2]})" if pooled else "-") +
              f" | {sound[0]} ({sound[1]}) | {question[0]} ({question[1]}) | "
              f"{minutes(training.get('head_seconds', training.get('seconds', 0)))} |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    if sys.argv[1] == "--curve":
        curve(sys.argv[2:])
    else:
        main(sys.argv[1:])
