#include "StepHeatmap.h"

#include <QFileInfo>
#include <algorithm>

namespace avqa {

std::optional<FrameHeatmap> stepHeatmap(const Prediction& p, int step, HeatmapKind kind, const QString& video_path) {
  if (kind == HeatmapKind::None || step < 0 || step >= static_cast<int>(p.steps.size())) return std::nullopt;
  const std::optional<Matrix>& map = kind == HeatmapKind::QuestionGuided ? p.spatial : p.sound_spatial;
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
  heat.mirror = QFileInfo(video_path).completeBaseName().endsWith(QStringLiteral("_flip")) ? Mirror::Horizontal : Mirror::None;
  return heat;
}

}  // namespace avqa
