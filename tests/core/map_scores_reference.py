#!/usr/bin/python3
"""An independent implementation of the attention figures (docs/attention-metrics.md) with
numpy, on seeded random maps: prints one line per case for MapScoresTest to compare with.
Line: rows cols crop width height weights... x0 y0 x1 y1 ciou energy hit"""
import numpy as np

TOLERANCE_PX = 15.0
rng = np.random.default_rng(7)


def crop_region(width, height, crop):
    if crop == "center-square":
        side = min(width, height)
        return (width - side) // 2, (height - side) // 2, side, side
    return 0, 0, width, height


def upsample(weights, rows, cols, crop, width, height):
    left, top, w, h = crop_region(width, height, crop)
    out = np.zeros((height, width))
    ys = (np.arange(h) + 0.5) / h * rows - 0.5
    xs = (np.arange(w) + 0.5) / w * cols - 0.5
    r0 = np.floor(ys).astype(int)
    c0 = np.floor(xs).astype(int)
    ty = (ys - r0)[:, None]
    tx = (xs - c0)[None, :]
    grid = weights.reshape(rows, cols)
    def at(r, c):
        return grid[np.clip(r, 0, rows - 1)][:, np.clip(c, 0, cols - 1)]
    value = (at(r0, c0) * (1 - tx) + at(r0, c0 + 1) * tx) * (1 - ty) + (at(r0 + 1, c0) * (1 - tx) + at(r0 + 1, c0 + 1) * tx) * ty
    out[top:top + h, left:left + w] = value
    return out


def box_mask(width, height, box):
    x0, y0, x1, y1 = box
    xs = np.arange(width) + 0.5
    ys = np.arange(height) + 0.5
    return ((ys[:, None] >= y0) & (ys[:, None] < y1)) & ((xs[None, :] >= x0) & (xs[None, :] < x1))


for case in range(30):
    rows, cols = [(2, 2), (7, 7), (14, 14), (3, 5)][case % 4]
    crop = "center-square" if case % 3 == 0 else "full-frame"
    width, height = [(320, 240), (321, 241), (640, 360)][case % 3]
    weights = rng.random(rows * cols) ** 4
    x0 = float(rng.integers(0, width - 40)); y0 = float(rng.integers(0, height - 40))
    box = (x0, y0, x0 + float(rng.integers(20, 120)), y0 + float(rng.integers(20, 120)))
    full = upsample(weights, rows, cols, crop, width, height)
    truth = box_mask(width, height, box)
    span = full.max() - full.min()
    pred = (full - full.min()) / span >= 0.5 if span > 0 else np.zeros_like(truth)
    ciou = (pred & truth).sum() / (truth.sum() + (pred & ~truth).sum())
    energy = full[truth].sum() / full.sum()
    left, top, w, h = crop_region(width, height, crop)
    peak = int(np.argmax(weights))
    cx = left + (peak % cols + 0.5) * w / cols
    cy = top + (peak // cols + 0.5) * h / rows
    hit = int(box[0] - TOLERANCE_PX <= cx <= box[2] + TOLERANCE_PX and box[1] - TOLERANCE_PX <= cy <= box[3] + TOLERANCE_PX)
    print(rows, cols, crop, width, height, " ".join("%.9g" % v for v in weights), *box, "%.9g" % ciou, "%.9g" % energy, hit)
