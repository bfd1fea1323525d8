#include "AttentionSheet.h"

#include <QPainter>
#include <algorithm>
#include <numeric>

#include "HeatmapPainter.h"

namespace avqa {

QString saliencyLabel(const Prediction& p, HeatmapKind map) {
  if (map != HeatmapKind::Saliency || !p.saliency) return {};
  return QStringLiteral("    [saliency: gradient × input of \"%1\", not attention]").arg(QString::fromStdString(p.saliency->answer));
}

QImage makeAttentionSheet(const AskResult& result, const std::vector<QImage>& step_frames, const QString& question,
                          const std::vector<HeatmapKind>& maps, int tiles) {
  const Prediction& p = result.prediction;
  const HeatmapKind first_map = maps.empty() ? HeatmapKind::QuestionGuided : maps.front();
  std::vector<std::size_t> order(p.steps.size());
  std::iota(order.begin(), order.end(), 0);
  order.erase(std::remove_if(order.begin(), order.end(), [&](std::size_t i) { return p.steps[i].padded; }), order.end());
  const std::vector<float>* weights = stepWeightsFor(p, first_map);
  if (weights) {
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return (*weights)[a] > (*weights)[b]; });
  }
  order.resize(std::min<std::size_t>(order.size(), static_cast<std::size_t>(std::max(1, tiles))));
  std::sort(order.begin(), order.end());  // in time order

  const QSize frame_size = step_frames.empty() ? QSize(320, 240) : step_frames.front().size();
  const int panels = std::max<int>(1, static_cast<int>(maps.size()));
  constexpr int kCaption = 22;
  constexpr int kHeader = 34;
  constexpr int kGap = 6;
  const QSize tile(panels * frame_size.width() + (panels - 1) * 2, frame_size.height());  // maps of one step, 2 px apart
  const int columns = std::min<int>(panels > 1 ? 2 : 4, static_cast<int>(order.size()));
  const int rows = (static_cast<int>(order.size()) + columns - 1) / std::max(1, columns);
  QImage sheet(std::max(1, columns) * (tile.width() + kGap) + kGap, kHeader + rows * (tile.height() + kCaption + kGap) + kGap,
               QImage::Format_RGB32);
  sheet.fill(QColor(24, 24, 27));
  QPainter painter(&sheet);
  painter.setPen(Qt::white);
  QFont font = painter.font();
  font.setPixelSize(14);
  painter.setFont(font);
  QString names;
  for (HeatmapKind map : maps) names += (names.isEmpty() ? QString() : QStringLiteral(" | ")) + QString::fromLatin1(heatmapKindName(map));
  painter.drawText(QRect(kGap, 4, sheet.width() - 2 * kGap, kHeader - 8), Qt::AlignVCenter | Qt::AlignLeft,
                   QStringLiteral("Q: %1    A: %2    (%3)%4")
                       .arg(question, QString::fromStdString(p.answer()), names, std::find(maps.begin(), maps.end(), HeatmapKind::Saliency) != maps.end() ? saliencyLabel(p, HeatmapKind::Saliency) : QString()));
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t step = order[k];
    const int x = kGap + static_cast<int>(k % static_cast<std::size_t>(columns)) * (tile.width() + kGap);
    const int y = kHeader + static_cast<int>(k / static_cast<std::size_t>(columns)) * (tile.height() + kCaption + kGap);
    for (int panel = 0; panel < panels; ++panel) {
      const std::optional<Matrix>& attention = mapOfKind(p, maps.empty() ? first_map : maps[static_cast<std::size_t>(panel)]);
      FrameHeatmap heat;
      if (attention && p.grid.size() == 2 && static_cast<std::size_t>(p.grid[0] * p.grid[1]) == attention->cols) {
        heat.weights.assign(attention->values.begin() + static_cast<std::ptrdiff_t>(step * attention->cols),
                            attention->values.begin() + static_cast<std::ptrdiff_t>((step + 1) * attention->cols));
        heat.rows = p.grid[0];
        heat.columns = p.grid[1];
        heat.crop = p.crop;
      }
      const QRect target(QPoint(x + panel * (frame_size.width() + 2), y), frame_size);
      painter.drawImage(target, blendHeatmap(step_frames[step], heat, Colormap::Inferno, 0.65f, HeatmapSampling::Smooth));
    }
    const QString weight =
        weights ? QStringLiteral("  %1 %2").arg(first_map == HeatmapKind::Saliency ? "saliency" : "focus").arg((*weights)[step], 0, 'f', 3) : QString();
    painter.drawText(QRect(x, y + tile.height(), tile.width(), kCaption), Qt::AlignVCenter | Qt::AlignLeft,
                     QStringLiteral("%1-%2 s%3").arg(p.steps[step].start_s, 0, 'f', 1).arg(p.steps[step].end_s, 0, 'f', 1).arg(weight));
  }
  return sheet;
}

}  // namespace avqa
