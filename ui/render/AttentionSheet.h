#pragma once

#include <QImage>
#include <vector>

#include "AskJob.h"
#include "StepHeatmap.h"
#include "media/Colormap.h"

namespace avqa {

// A contact sheet of the most attended steps of one answer (by the map's step weights: the
// temporal attention, or the saliency curve for Saliency; the first steps without): each tile the step's frame with its heatmap and a caption
// (time span, weight), the question and answer on top. For papers and slides, headless.
// " [saliency: gradient × input of "X", not attention]" when `map` is Saliency, else empty:
// every rendered figure of saliency carries it.
QString saliencyLabel(const Prediction& prediction, HeatmapKind map);

QImage makeAttentionSheet(const AskResult& result, const std::vector<QImage>& step_frames, const QString& question,
                          HeatmapKind map, int tiles);

}  // namespace avqa
