#include "StepHeatmap.h"

#include <algorithm>

namespace avqa {

const std::optional<Matrix>& mapOfKind(const Prediction& p, HeatmapKind kind) {
  static const std::optional<Matrix> kNone;
  if (kind == HeatmapKind::QuestionGuided) return p.spatial;
  if (kind == HeatmapKind::SoundGuided) return p.sound_spatial;
  if (kind == HeatmapKind::Saliency && p.saliency) return p.saliency->patches;
  return kNone;
}

const std::vector<float>* stepWeightsFor(const Prediction& p, HeatmapKind kind) {
  if (kind == HeatmapKind::Saliency) return p.saliency ? &p.saliency->temporal : nullptr;
  return p.temporal ? &*p.temporal : nullptr;
}

float mapPeak(const Prediction& p, HeatmapKind kind) {
  const std::optional<Matrix>& map = mapOfKind(p, kind);
  if (!map || map->cols == 0) return 0.0f;
  float peak = 0.0f;
  for (std::size_t row = 0; row < map->rows && row < p.steps.size(); ++row) {
    if (p.steps[row].padded) continue;
    const auto begin = map->values.begin() + static_cast<std::ptrdiff_t>(row * map->cols);
    peak = std::max(peak, *std::max_element(begin, begin + static_cast<std::ptrdiff_t>(map->cols)));
  }
  return peak;
}

const char* heatmapKindName(HeatmapKind kind) {
  switch (kind) {
    case HeatmapKind::QuestionGuided: return "question-guided";
    case HeatmapKind::SoundGuided: return "sound-guided";
    case HeatmapKind::Saliency: return "saliency";
    case HeatmapKind::None: break;
  }
  return "none";
}

std::optional<FrameHeatmap> stepHeatmap(const Prediction& p, int step, const HeatmapChoice& choice) {
  if (choice.kind == HeatmapKind::None || step < 0 || step >= static_cast<int>(p.steps.size())) return std::nullopt;
  const std::optional<Matrix>& map = mapOfKind(p, choice.kind);
  if (!map || p.steps[static_cast<std::size_t>(step)].padded || map->cols == 0 || p.grid.size() != 2 ||
      p.grid[0] * p.grid[1] != static_cast<int>(map->cols) || static_cast<std::size_t>(step) >= map->rows) {
    return std::nullopt;
  }
  FrameHeatmap heat;
  const auto row_begin = map->values.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(step) * map->cols);
  heat.weights.assign(row_begin, row_begin + static_cast<std::ptrdiff_t>(map->cols));
  const auto kept_count = std::count_if(heat.weights.begin(), heat.weights.end(), [](float w) { return w > 0.0f; });
  if (kept_count == 0) return std::nullopt;
  if (kept_count < static_cast<std::ptrdiff_t>(heat.weights.size())) {
    for (float w : heat.weights) heat.kept.push_back(w > 0.0f ? 1 : 0);
  }
  heat.rows = p.grid[0];
  heat.columns = p.grid[1];
  heat.crop = p.crop;
  heat.mirror = choice.mirror;
  if (choice.scale == MapScale::WholeAnswer) {
    heat.scale_peak = choice.shared_peak > 0.0f ? choice.shared_peak : mapPeak(p, choice.kind);
  }
  const std::vector<float>* weights = stepWeightsFor(p, choice.kind);
  if (choice.dimming == StepDimming::ByTemporalWeight && weights && !weights->empty()) {
    const float temporal_peak = *std::max_element(weights->begin(), weights->end());
    const std::size_t index = static_cast<std::size_t>(step);
    // A floor keeps a weakly weighted step's map visible, only fainter.
    if (temporal_peak > 0.0f && index < weights->size()) heat.strength = std::max(0.15f, (*weights)[index] / temporal_peak);
  }
  return heat;
}

}  // namespace avqa
