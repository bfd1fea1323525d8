#pragma once

#include <QImage>
#include <vector>

#include "AskJob.h"
#include "StepHeatmap.h"
#include "media/Colormap.h"

namespace avqa {

// " [saliency: gradient × input of "X", not attention]" when `map` is Saliency, else empty:
// every rendered figure of saliency carries it.
QString saliencyLabel(const Prediction& prediction, HeatmapKind map);

// A contact sheet of the most attended steps of one answer: each tile the step's frame once
// per map in `maps` (one, or two side by side, e.g. question-guided beside sound-guided),
// with a caption (time span, weight), the question, answer and map names on top. Steps are
// chosen by the first map's step weights (the temporal attention, or the saliency curve
// for Saliency; the first steps without). For papers and slides, headless.
QImage makeAttentionSheet(const AskResult& result, const std::vector<QImage>& step_frames, const QString& question,
                          const std::vector<HeatmapKind>& maps, int tiles);

}  // namespace avqa
