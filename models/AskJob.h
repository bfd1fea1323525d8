#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "AvqaModel.h"
#include "ModelFeatureExtractor.h"

namespace avqa {

// Whether to explain the answer by gradient × input too (a backward pass: only when asked).
enum class SaliencyRequest { None, TopAnswer, NamedAnswer };

struct AskRequest {
  FeatureRequest media;
  std::string question;  // as asked, or a template whose placeholders templ_values fill
  std::vector<std::string> templ_values;
  std::string question_features_dir;  // for models that take question features
  std::string question_id;
  SaliencyRequest saliency = SaliencyRequest::None;
  std::string saliency_answer;  // NamedAnswer: one of the model's answers
};

struct AskResult {
  Prediction prediction;
  MediaInfo media;
  double features_ms = 0.0;
  double inference_ms = 0.0;
  double saliency_ms = 0.0;  // 0 when not asked for
  bool features_from_cache = false;
  std::vector<std::string> warnings;
};

// One question answered by one model: features for the video's steps, the question
// tokenized the MUSIC-AVQA way (or its feature file), then predict(). The GUI runs the same
// object in its worker thread; every loop inside checks `cancel`.
class AskJob {
 public:
  AskJob(AvqaModel& model, std::optional<FeatureCache> cache);
  ~AskJob();
  AskResult run(const AskRequest& request, const CancelToken& cancel, const JobProgress& progress) const;
  // run() for a fresh process (the CLI's ask and render): the model's warm-up forward runs
  // on a second thread while this one reads the features, and the question's forward
  // follows on that thread, so neither TorchScript's first-call plan nor the allocator's
  // first growth lands in the answer's time. Same result as run().
  AskResult runOneShot(const AskRequest& request, const CancelToken& cancel, const JobProgress& progress) const;
  // Answers with features already extracted for the question's video (eval reuses one
  // extraction for all questions of a video); `request.media` is not read.
  AskResult answer(const ModelFeatures& features, const AskRequest& request, const CancelToken& cancel) const;
  // Several questions on one video's features: one batched forward when the model takes a
  // batch (avqa.json "batch": true), else one question at a time. Results in request order.
  std::vector<AskResult> answerAll(const ModelFeatures& features, const std::vector<AskRequest>& requests,
                                   const CancelToken& cancel) const;
  const ModelFeatureExtractor& extractor() const { return extractor_; }

 private:
  ModelInputs inputsFor(const ModelFeatures& features, const AskRequest& request, AskResult& result) const;

  AvqaModel& model_;
  ModelFeatureExtractor extractor_;
};

}  // namespace avqa
