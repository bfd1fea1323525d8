#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ModelInfo.h"
#include "StepMedia.h"
#include "common/CancelToken.h"
#include "features/FeatureCache.h"
#include "media/MediaSampler.h"
#include "media/TimeSteps.h"

namespace avqa {

class AudioFeatureEncoder;
class VisualFeatureEncoder;

struct FeatureRequest {
  std::string video_path;
  std::string audio_path;    // another file's audio track; empty: the video's own
  std::string features_dir;  // community .npy folders; empty: the model's encoders
  StepPlacement placement = StepPlacement::FirstSeconds;
  Hearing hearing = Hearing::Recorded;  // Silence: through the model's own audio encoder only
};

// A model's inputs for one video, step by step.
struct ModelFeatures {
  MediaInfo media;
  std::vector<TimeStep> steps;
  std::vector<float> audio;    // [T, Da]
  std::vector<float> visual;   // [T, Dv]
  std::vector<float> patches;  // [T, M, Dp]
  int patch_count = 0;
  bool from_cache = false;
  std::vector<std::string> warnings;
};

using JobProgress = std::function<void(const std::string& stage, double fraction)>;

// Gets what a model needs from a video: the time-step plan, then features from .npy folders
// or from the model's encoders (log-mel and frames sampled at the steps), cached by video
// content, audio source, encoders and step plan so that asking again skips extraction.
class ModelFeatureExtractor {
 public:
  ModelFeatureExtractor(const ModelInfo& info, const std::string& device, std::optional<FeatureCache> cache);
  ~ModelFeatureExtractor();
  ModelFeatures extract(const FeatureRequest& request, const CancelToken& cancel, const JobProgress& progress) const;

 private:
  void fromFolder(const FeatureRequest& request, ModelFeatures& features) const;
  void fromEncoders(const FeatureRequest& request, const MediaSampler& video, ModelFeatures& features,
                    const CancelToken& cancel, const JobProgress& progress) const;
  std::string cacheKey(const FeatureRequest& request) const;

  const ModelInfo& info_;
  std::optional<FeatureCache> cache_;
  std::unique_ptr<AudioFeatureEncoder> audio_encoder_;
  std::unique_ptr<VisualFeatureEncoder> visual_encoder_;
};

}  // namespace avqa
