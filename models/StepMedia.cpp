#include "StepMedia.h"

#include <cmath>

#include "media/LogMel.h"

namespace avqa {

StepMedia sampleStepMedia(const MediaSampler& video, const std::string& video_path, const std::string& audio_path,
                          const std::vector<TimeStep>& steps, const CancelToken& cancel, Hearing hearing) {
  StepMedia media;
  const std::string audio_source = audio_path.empty() ? video_path : audio_path;
  std::vector<float> audio;
  if (hearing == Hearing::Silence) {
    const double duration_s = steps.empty() ? 0.0 : steps.back().end_s;
    audio.assign(static_cast<std::size_t>(std::ceil(duration_s * LogMelExtractor::kSampleRate)) + 1, 0.0f);
  } else {
    audio = MediaSampler(audio_source).audioMono(LogMelExtractor::kSampleRate, cancel);
    if (audio.empty()) media.warnings.push_back(audio_source + ": has no audio track; the model hears silence");
  }
  LogMelExtractor log_mel;
  const std::size_t example_size = static_cast<std::size_t>(LogMelExtractor::kFrames) * LogMelExtractor::kBands;
  media.log_mel.reserve(steps.size() * example_size);
  for (const TimeStep& step : steps) {
    cancel.throwIfCancelled();
    if (step.padded) {
      media.log_mel.insert(media.log_mel.end(), example_size, std::log(0.01f));
      continue;
    }
    const long start = static_cast<long>(std::lround(step.start_s * LogMelExtractor::kSampleRate));
    const std::vector<float> example = log_mel.example(audio, start);
    media.log_mel.insert(media.log_mel.end(), example.begin(), example.end());
  }
  media.frames = video.framesAt(stepFrameTimes(steps), cancel);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].padded) media.frames[i] = QImage();
  }
  return media;
}

}  // namespace avqa
