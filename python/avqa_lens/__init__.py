"""AVQA Lens export kit: a researcher's PyTorch model to the TorchScript file `avqa-lens`
loads (the contract: docs/model-contract.md)."""
__version__ = "0.1.0"

from .errors import ExportError  # noqa: E402
from .contract import ContractError, FORMAT_V1, FORMAT_V2, vocab_sha256  # noqa: E402
from .capture import Capture, mark  # noqa: E402
from .features import (CLIP_VIT_B32, CLIP_VIT_B32_PATCHES, RESNET18_14X14, RESNET18_14X14_PATCHES, VGGISH,  # noqa: E402
                       Features, Patches, QuestionFeatures)
from .vocab import LOADERS, build_vocab, load_vocab, tokenize  # noqa: E402
from .export import Args, build_meta, export_model  # noqa: E402
from .encoders import export_encoder  # noqa: E402
from .check import check_file  # noqa: E402

__all__ = [
    "Args", "Capture", "CLIP_VIT_B32", "CLIP_VIT_B32_PATCHES", "ContractError", "ExportError", "FORMAT_V1", "FORMAT_V2",
    "Features", "LOADERS", "Patches", "QuestionFeatures", "RESNET18_14X14", "RESNET18_14X14_PATCHES", "VGGISH",
    "build_meta", "build_vocab", "check_file", "export_encoder", "export_model", "load_vocab", "mark", "tokenize",
    "vocab_sha256",
]
