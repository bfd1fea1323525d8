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

// What a model hears: the recorded sound (the video's own track, or another file's), or
// silence — an all-zero waveform through the same log-mel and the model's own audio encoder
// (the attention audit's check of whether a sound map listens).
enum class Hearing { Recorded, Silence };

// `audio_path` empty: the video's own audio track.
StepMedia sampleStepMedia(const MediaSampler& video, const std::string& video_path, const std::string& audio_path,
                          const std::vector<TimeStep>& steps, const CancelToken& cancel, Hearing hearing = Hearing::Recorded);

}  // namespace avqa
