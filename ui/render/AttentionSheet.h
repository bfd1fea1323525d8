#pragma once

#include <QImage>
#include <vector>

#include "AskJob.h"
#include "media/Colormap.h"

namespace avqa {

enum class SheetMap { Question, Sound };

// A contact sheet of the most attended steps of one answer (by temporal weight; the first
// steps for a model without one): each tile the step's frame with its heatmap and a caption
// (time span, weight), the question and answer on top. For papers and slides, headless.
QImage makeAttentionSheet(const AskResult& result, const std::vector<QImage>& step_frames, const QString& question,
                          SheetMap map, int tiles);

}  // namespace avqa
