#pragma once

#include <QImage>

#include "media/HeatmapLayer.h"

namespace avqa {

// The CPU twin of VideoView's shader, for headless output (render, reports): the frame with
// the heatmap blended over its crop region, same colormap, opacity and geometry.
QImage blendHeatmap(const QImage& frame, const FrameHeatmap& heatmap, Colormap colormap, float opacity,
                    HeatmapSampling sampling);

}  // namespace avqa
