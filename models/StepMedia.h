#pragma once

#include <QImage>
#include <string>
#include <vector>

#include "common/CancelToken.h"
#include "media/MediaSampler.h"
#include "media/TimeSteps.h"

namespace avqa {

// The raw inputs of a model's steps, before any encoder: one frame per step (at the step's
// frame time; null for padded steps) and one VGGish log-mel example per step (from the step's
// start; silence for padded steps). Training and inference both sample through here.
struct StepMedia {
  std::vector<QImage> frames;
  std::vector<float> log_mel;  // [T, 96, 64]
  std::vector<std::string> warnings;
};

// `audio_path` empty: the video's own audio track.
StepMedia sampleStepMedia(const MediaSampler& video, const std::string& video_path, const std::string& audio_path,
                          const std::vector<TimeStep>& steps, const CancelToken& cancel);

}  // namespace avqa
