"""What a model reads: feature specs for avqa.json ("features" and "question")."""
from .contract import CROPS, default_min_rows
from .errors import ExportError


class Features:
    """One input stream: `kind` names the .npy folder the app reads (vggish, clip-vit-b32,
    resnet18-14x14) or, for a model with encoders, the encoder; `dim` is D of [B,T,D].
    avqa-model/2 also records `extractor` (free text: what made the features),
    `rows_per_s` (.npy rows per second of video, default 1) and `min_rows` (rows a video's
    .npy needs; default time_steps * stride_s * rows_per_s)."""

    def __init__(self, kind, dim, *, extractor=None, rows_per_s=1, min_rows=None):
        if not isinstance(kind, str) or not kind:
            raise ExportError("a feature kind is a non-empty string")
        if not isinstance(dim, int) or dim <= 0:
            raise ExportError("features %s: dim must be a positive int, got %r" % (kind, dim))
        if not (isinstance(rows_per_s, (int, float)) and rows_per_s > 0):
            raise ExportError("features %s: rows_per_s must be positive, got %r" % (kind, rows_per_s))
        if min_rows is not None and (not isinstance(min_rows, int) or min_rows < 0):
            raise ExportError("features %s: min_rows must be a non-negative int, got %r" % (kind, min_rows))
        self.kind = kind
        self.dim = dim
        self.extractor = extractor
        self.rows_per_s = rows_per_s
        self.min_rows = min_rows

    def replace(self, **changes):
        fields = dict(kind=self.kind, dim=self.dim, extractor=self.extractor, rows_per_s=self.rows_per_s, min_rows=self.min_rows)
        fields.update(changes)
        return type(self)(**fields)

    def to_json(self, time_steps, stride_s, version=2):
        spec = {"kind": self.kind, "dim": self.dim}
        if version >= 2:
            if self.extractor:
                spec["extractor"] = self.extractor
            spec["rows_per_s"] = self.rows_per_s
            spec["min_rows"] = self.min_rows if self.min_rows is not None else default_min_rows(time_steps, stride_s, self.rows_per_s)
        return spec

    def __repr__(self):
        return "%s(%r, %d)" % (type(self).__name__, self.kind, self.dim)


class Patches(Features):
    """Patch features [B,T,M,Dp], M = gh * gw in row-major order (no CLS), on `crop`:
    "center-square" (CLIP: the centred square of the short side) or "full-frame" (the whole
    frame squashed to a square, as ResNet's 14x14 maps)."""

    def __init__(self, kind, dim, grid, crop, *, extractor=None, rows_per_s=1, min_rows=None):
        super().__init__(kind, dim, extractor=extractor, rows_per_s=rows_per_s, min_rows=min_rows)
        grid = list(grid)
        if len(grid) != 2 or not all(isinstance(g, int) and g > 0 for g in grid):
            raise ExportError("patches %s: grid must be [gh, gw] (two positive ints), got %r" % (kind, grid))
        if crop not in CROPS:
            raise ExportError('patches %s: crop must be "center-square" or "full-frame", got %r' % (kind, crop))
        self.grid = grid
        self.crop = crop

    @property
    def count(self):
        return self.grid[0] * self.grid[1]

    def replace(self, **changes):
        fields = dict(kind=self.kind, dim=self.dim, grid=self.grid, crop=self.crop, extractor=self.extractor,
                      rows_per_s=self.rows_per_s, min_rows=self.min_rows)
        fields.update(changes)
        return Patches(**fields)

    def to_json(self, time_steps, stride_s, version=2):
        spec = super().to_json(time_steps, stride_s, version)
        spec["grid"] = list(self.grid)
        spec["crop"] = self.crop
        return spec


class QuestionFeatures:
    """A question given as a feature vector [B,Dq] read from {folder}/{question_id}.npy
    (e.g. a CLIP text feature) instead of token ids; `kind` is avqa.json's
    question.feature_kind."""

    def __init__(self, dim, kind="question"):
        if not isinstance(dim, int) or dim <= 0:
            raise ExportError("question features: dim must be a positive int, got %r" % (dim,))
        self.dim = dim
        self.kind = kind

    def to_json(self):
        return {"kind": "features", "dim": self.dim, "feature_kind": self.kind}


# The feature kinds the app reads from a --features folder.
VGGISH = Features("vggish", 128, extractor="VGGish (harritaylor/torchvggish, as released with MUSIC-AVQA): "
                  "one 128-D row per 0.96 s log-mel example, one row per second")
RESNET18_14X14 = Features("resnet18-14x14", 512, extractor="ResNet-18 (ImageNet) 512x14x14 map of the full frame, "
                          "one frame per second (MUSIC-AVQA feat_script/extract_visual_feat_14x14); "
                          "the frame feature is the mean of the map")
RESNET18_14X14_PATCHES = Patches("resnet18-14x14", 512, [14, 14], "full-frame", extractor=RESNET18_14X14.extractor)
CLIP_VIT_B32 = Features("clip-vit-b32", 512, extractor="CLIP ViT-B/32 image tokens [50,512] (CLS + 7x7), "
                        "224x224 centre crop, one frame per second; the frame feature is the CLS token")
CLIP_VIT_B32_PATCHES = Patches("clip-vit-b32", 512, [7, 7], "center-square", extractor=CLIP_VIT_B32.extractor)
