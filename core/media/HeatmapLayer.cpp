#include "media/HeatmapLayer.h"

#include <algorithm>
#include <cmath>

namespace avqa {
namespace {

// Value of cell (r, c) as drawn: mirrored maps read their columns from the other side.
float cellValue(const FrameHeatmap& heatmap, const std::vector<float>& scaled, int r, int c) {
  r = std::clamp(r, 0, heatmap.rows - 1);
  c = std::clamp(c, 0, heatmap.columns - 1);
  if (heatmap.mirror == Mirror::Horizontal) c = heatmap.columns - 1 - c;
  return scaled[static_cast<std::size_t>(r * heatmap.columns + c)];
}

bool cellKept(const FrameHeatmap& heatmap, int r, int c) {
  if (heatmap.mirror == Mirror::Horizontal) c = heatmap.columns - 1 - c;
  const std::size_t i = static_cast<std::size_t>(r * heatmap.columns + c);
  return i < heatmap.kept.size() && heatmap.kept[i] != 0;
}

}  // namespace

QImage heatmapLayer(const FrameHeatmap& heatmap, const HeatmapLook& look, int cell_px) {
  if (heatmap.weights.empty() || heatmap.rows <= 0 || heatmap.columns <= 0 ||
      heatmap.weights.size() != static_cast<std::size_t>(heatmap.rows * heatmap.columns)) {
    return {};
  }
  const float own_peak = *std::max_element(heatmap.weights.begin(), heatmap.weights.end());
  const float peak = std::max(1e-12f, heatmap.scale_peak > 0.0f ? heatmap.scale_peak : own_peak);
  const float strength = std::clamp(heatmap.strength, 0.0f, 1.0f);
  std::vector<float> scaled(heatmap.weights.size());
  std::transform(heatmap.weights.begin(), heatmap.weights.end(), scaled.begin(),
                 [peak](float w) { return std::clamp(w / peak, 0.0f, 1.0f); });
  const QImage lut = colormapLut(look.colormap);
  const bool outline_kept = look.kept_outlines == KeptOutlines::Shown && !heatmap.kept.empty();
  QImage layer(heatmap.columns * cell_px, heatmap.rows * cell_px, QImage::Format_RGBA8888);
  for (int y = 0; y < layer.height(); ++y) {
    uchar* line = layer.scanLine(y);
    const int row = y / cell_px;
    for (int x = 0; x < layer.width(); ++x) {
      const int column = x / cell_px;
      float value = 0.0f;
      if (look.sampling == HeatmapSampling::Blocky) {
        value = cellValue(heatmap, scaled, row, column);
      } else {  // bilinear between cell centres, clamped at the border
        const float fy = (static_cast<float>(y) + 0.5f) / static_cast<float>(cell_px) - 0.5f;
        const float fx = (static_cast<float>(x) + 0.5f) / static_cast<float>(cell_px) - 0.5f;
        const int r0 = static_cast<int>(std::floor(fy));
        const int c0 = static_cast<int>(std::floor(fx));
        const float ty = fy - static_cast<float>(r0);
        const float tx = fx - static_cast<float>(c0);
        const float top = cellValue(heatmap, scaled, r0, c0) * (1 - tx) + cellValue(heatmap, scaled, r0, c0 + 1) * tx;
        const float bottom = cellValue(heatmap, scaled, r0 + 1, c0) * (1 - tx) + cellValue(heatmap, scaled, r0 + 1, c0 + 1) * tx;
        value = top * (1 - ty) + bottom * ty;
      }
      const int level = static_cast<int>(value * 255.0f + 0.5f);
      QRgb colour = lut.pixel(level, 0);
      int alpha = static_cast<int>(static_cast<float>(level) * strength + 0.5f);
      const bool edge = x % cell_px == 0 || x % cell_px == cell_px - 1 || y % cell_px == 0 || y % cell_px == cell_px - 1;
      if (edge && outline_kept && cellKept(heatmap, row, column)) {
        colour = qRgb(64, 255, 255);
        alpha = 242;
      } else if (edge && look.grid_lines == GridLines::Shown) {
        colour = qRgb(255, 255, 255);
        alpha = std::max(alpha, 90);
      }
      uchar* pixel = line + 4 * x;
      pixel[0] = static_cast<uchar>(qRed(colour));
      pixel[1] = static_cast<uchar>(qGreen(colour));
      pixel[2] = static_cast<uchar>(qBlue(colour));
      pixel[3] = static_cast<uchar>(alpha);
    }
  }
  return layer;
}

}  // namespace avqa
