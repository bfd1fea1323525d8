#pragma once

#include <string>

#include "ModelInfo.h"

namespace avqa {

// Reads and checks a TorchScript model's avqa.json text (docs/model-contract.md). Refuses,
// with an AvqaError naming `model_path` and the field, anything missing, mistyped or
// inconsistent. Torch-free so that it can be tested and fuzzed on its own.
ModelInfo parseModelMetadata(const std::string& json_text, const std::string& model_path);

}  // namespace avqa
