#include "PredictionReadout.h"

namespace avqa {
namespace {

std::optional<AttentionMap> mapOf(const std::optional<Matrix>& matrix, const std::vector<int>& grid) {
  if (!matrix || grid.size() != 2 || grid[0] * grid[1] != static_cast<int>(matrix->cols)) return std::nullopt;
  return AttentionMap{matrix->values, grid[0], grid[1]};
}

}  // namespace

AttentionReadout predictionReadout(const Prediction& prediction, int frame_width, int frame_height) {
  AttentionReadout readout;
  readout.steps = prediction.steps;
  readout.temporal = prediction.temporal;
  readout.temporal_selected = prediction.temporal_selected;
  readout.spatial = mapOf(prediction.spatial, prediction.grid);
  readout.sound_spatial = mapOf(prediction.sound_spatial, prediction.grid);
  readout.crop = prediction.crop.empty() ? "full-frame" : prediction.crop;
  readout.frame = QSize(frame_width, frame_height);
  return readout;
}

}  // namespace avqa
