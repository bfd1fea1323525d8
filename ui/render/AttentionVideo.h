#pragma once

#include <QString>
#include <string>

#include "AskJob.h"
#include "AttentionSheet.h"

namespace avqa {

// The video with an answer's overlay (one map, or several side by side on the same frame), for papers and slides, headless: every frame with the
// heatmap of the step it falls in (nothing on padded steps), under it the timeline (focus
// curve over the steps, selected steps shaded, the playhead), on top the question and the
// answer; the original sound. H.264 + AAC through Mp4Writer. Errors name the file.
void renderAttentionVideo(const AskResult& result, const std::string& video_path, const QString& question, const std::vector<HeatmapKind>& maps,
                          const std::string& out_path, const CancelToken& cancel);

}  // namespace avqa
