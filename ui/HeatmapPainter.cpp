#include "HeatmapPainter.h"

#include <QPainter>
#include <algorithm>

namespace avqa {

QImage blendHeatmap(const QImage& frame, const FrameHeatmap& heatmap, Colormap colormap, float opacity,
                    HeatmapSampling sampling) {
  QImage out = frame.convertToFormat(QImage::Format_RGB32);
  if (heatmap.weights.empty() || heatmap.rows <= 0 || heatmap.columns <= 0) return out;
  const float peak = std::max(1e-12f, *std::max_element(heatmap.weights.begin(), heatmap.weights.end()));
  QImage grid(heatmap.columns, heatmap.rows, QImage::Format_Grayscale8);
  for (int r = 0; r < heatmap.rows; ++r) {
    uchar* line = grid.scanLine(r);  // raw bytes: setPixel() would read the value as a colour
    for (int c = 0; c < heatmap.columns; ++c) {
      const int source_column = heatmap.mirror == Mirror::Horizontal ? heatmap.columns - 1 - c : c;
      const float value = heatmap.weights[static_cast<std::size_t>(r * heatmap.columns + source_column)] / peak;
      line[c] = static_cast<uchar>(std::clamp(value, 0.0f, 1.0f) * 255.0f);
    }
  }
  const QRect region = cropRegion(out.size(), heatmap.crop);
  // Bilinear between patch centres (like GL_LINEAR with clamping), or blocky cells.
  const QImage values = grid.scaled(region.size(), Qt::IgnoreAspectRatio,
                                    sampling == HeatmapSampling::Smooth ? Qt::SmoothTransformation : Qt::FastTransformation);
  const QImage lut = colormapLut(colormap);
  for (int y = 0; y < region.height(); ++y) {
    const uchar* line = values.constScanLine(y);
    QRgb* target = reinterpret_cast<QRgb*>(out.scanLine(region.top() + y)) + region.left();
    for (int x = 0; x < region.width(); ++x) {
      const float alpha = opacity * line[x] / 255.0f;
      const QRgb colour = lut.pixel(line[x], 0);
      const QRgb base = target[x];
      target[x] = qRgb(static_cast<int>(qRed(base) * (1 - alpha) + qRed(colour) * alpha),
                       static_cast<int>(qGreen(base) * (1 - alpha) + qGreen(colour) * alpha),
                       static_cast<int>(qBlue(base) * (1 - alpha) + qBlue(colour) * alpha));
    }
  }
  return out;
}

}  // namespace avqa
