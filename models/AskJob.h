#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "AvqaModel.h"
#include "common/CancelToken.h"
#include "media/MediaSampler.h"
#include "media/TimeSteps.h"

namespace avqa {

class TorchScriptAudioEncoder;
class TorchScriptVisualEncoder;

struct AskRequest {
  std::string video_path;
  std::string audio_path;     // another file's audio track (v2.0 unmatch_audio); empty: the video's
  std::string features_dir;   // community .npy folders; empty: the model's encoders
  std::string question;       // as asked, or a template whose placeholders templ_values fill
  std::vector<std::string> templ_values;
  std::string question_features_dir;  // for models that take question features
  std::string question_id;
  StepPlacement placement = StepPlacement::FirstSeconds;
};

struct AskResult {
  Prediction prediction;
  MediaInfo media;
  double features_ms = 0.0;
  double inference_ms = 0.0;
  std::vector<std::string> warnings;
};

// Progress of a job: a stage name and a fraction 0..1 of the whole job.
using JobProgress = std::function<void(const std::string& stage, double fraction)>;

// One question answered by one model: sample the video at the model's steps, get features
// (.npy folders or the model's encoders), tokenize, predict. The GUI runs the same object in
// its worker thread; every loop inside checks `cancel`.
class AskJob {
 public:
  explicit AskJob(AvqaModel& model);
  ~AskJob();
  AskResult run(const AskRequest& request, const CancelToken& cancel, const JobProgress& progress) const;

 private:
  AvqaModel& model_;
  std::unique_ptr<TorchScriptAudioEncoder> audio_encoder_;
  std::unique_ptr<TorchScriptVisualEncoder> visual_encoder_;
};

}  // namespace avqa
