#include "HeatmapPainter.h"

#include <QPainter>

namespace avqa {

QImage blendHeatmap(const QImage& frame, const FrameHeatmap& heatmap, Colormap colormap, float opacity,
                    HeatmapSampling sampling) {
  QImage out = frame.convertToFormat(QImage::Format_RGB32);
  HeatmapLook look;
  look.colormap = colormap;
  look.sampling = sampling;
  const QImage layer = heatmapLayer(heatmap, look);  // the same colours the shader samples
  if (layer.isNull()) return out;
  const QRect region = cropRegion(out.size(), heatmap.crop);
  QPainter painter(&out);
  painter.setOpacity(opacity);
  painter.setRenderHint(QPainter::SmoothPixmapTransform, sampling == HeatmapSampling::Smooth);
  painter.drawImage(region, layer);
  return out;
}

}  // namespace avqa
