#pragma once

#include <optional>

#include "Prediction.h"
#include "media/HeatmapLayer.h"

namespace avqa {

// Saliency is gradient × input (Prediction::saliency), never the model's attention; every
// view that shows it says so. The values are the settings' and the map list's order.
enum class HeatmapKind { QuestionGuided = 0, SoundGuided = 1, None = 2, Saliency = 3 };
// PerStep: each step's map to its own peak; WholeAnswer: one colour scale for every step
// (and for A and B when both are given the same peak).
enum class MapScale { PerStep = 0, WholeAnswer = 1 };
// ByTemporalWeight: a step drawn as strongly as the model weighed it in time.
enum class StepDimming { ByTemporalWeight = 0, Off = 1 };

struct HeatmapChoice {
  HeatmapKind kind = HeatmapKind::QuestionGuided;
  MapScale scale = MapScale::WholeAnswer;
  StepDimming dimming = StepDimming::ByTemporalWeight;
  float shared_peak = 0.0f;  // WholeAnswer: the peak to scale to; 0: this answer's own
  Mirror mirror = Mirror::None;  // an X_flip question played from X's file
};

// The map of that kind, or null when the model does not fill it.
const std::optional<Matrix>& mapOfKind(const Prediction& prediction, HeatmapKind kind);
// The per-step weights that go with that map: the saliency curve for Saliency, else the
// model's temporal attention; null when there are none.
const std::vector<float>* stepWeightsFor(const Prediction& prediction, HeatmapKind kind);
// The largest weight of that map over the unpadded steps (0 without one).
float mapPeak(const Prediction& prediction, HeatmapKind kind);
// "question-guided" / "sound-guided" / "saliency" / "none".
const char* heatmapKindName(HeatmapKind kind);

// The heatmap to draw for one step of an answer, or nothing: no map of that kind, a padded
// step, an all-zero row, or a map that does not fit its grid. A sparse row (PSTP-Net keeps
// top-m patches) marks the kept patches.
std::optional<FrameHeatmap> stepHeatmap(const Prediction& prediction, int step, const HeatmapChoice& choice);

}  // namespace avqa
