#pragma once

#include <QString>
#include <optional>

#include "Prediction.h"
#include "VideoView.h"

namespace avqa {

enum class HeatmapKind { QuestionGuided = 0, SoundGuided = 1, None = 2 };

// The heatmap to draw for one step of an answer, or nothing: no map of that kind, a padded
// step, an all-zero row, or a map that does not fit its grid. A sparse row (PSTP-Net keeps
// top-m patches) marks the kept patches; `_flip` videos get the map mirrored.
std::optional<FrameHeatmap> stepHeatmap(const Prediction& prediction, int step, HeatmapKind kind, const QString& video_path);

}  // namespace avqa
