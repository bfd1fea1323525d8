#pragma once

#include <string>

#include "Prediction.h"

namespace avqa {

// A prediction with every readout (probabilities, steps, attention maps, path answers, token
// weights) as compact JSON, and back: how the project stores an ask so reopening it shows
// the same answer and overlays without running the model again.
std::string predictionToJson(const Prediction& prediction, double duration_s);

struct RestoredPrediction {
  Prediction prediction;
  double duration_s = 0.0;
};

// AvqaError naming `source` (e.g. "project.avqa, ask 12") when the text is not such JSON.
RestoredPrediction predictionFromJson(const std::string& json_text, const std::string& source);

}  // namespace avqa
