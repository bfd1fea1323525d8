#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "AvqaModel.h"

namespace avqa {

// What a model file takes and provides, checked the way the app checks it: its declared
// inputs (feature kinds, shapes, sampling, question form, vocabulary hash, batch), then one
// forward on zero inputs of those shapes, whose every output passes the contract's shape
// checks (a violation throws AvqaError naming the output, the expected and the actual shape).
// `ask --explain` prints it; the Python kit's `check` mirrors it.
struct ModelExplanation {
  nlohmann::ordered_json json;
  std::string text;
};

ModelExplanation explainModel(AvqaModel& model);

// The declared shapes filled with zeros (the first token is <unk>, the rest padding): what
// explain and the one-shot warm-up run the model on.
ModelInputs zeroInputs(const ModelInfo& info);

}  // namespace avqa
