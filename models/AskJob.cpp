#include "AskJob.h"

#include <algorithm>
#include <chrono>

#include "QuestionTokenizer.h"
#include "common/AvqaError.h"
#include "features/FeatureFolder.h"

namespace avqa {
namespace {

double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

std::size_t saliencyAnswerIndex(const Prediction& prediction, const AskRequest& request, const ModelInfo& info) {
  const std::string wanted = request.saliency == SaliencyRequest::NamedAnswer ? request.saliency_answer : prediction.answer();
  const auto found = std::find(info.answers.begin(), info.answers.end(), wanted);
  if (found == info.answers.end()) throw AvqaError(info.file, "\"" + wanted + "\" is not one of model " + info.name + "'s answers");
  return static_cast<std::size_t>(found - info.answers.begin());
}

}  // namespace

AskJob::AskJob(AvqaModel& model, std::optional<FeatureCache> cache)
    : model_(model), extractor_(model.info(), model.deviceName(), std::move(cache)) {}

AskJob::~AskJob() = default;

AskResult AskJob::run(const AskRequest& request, const CancelToken& cancel, const JobProgress& progress) const {
  const auto features_start = std::chrono::steady_clock::now();
  if (progress) progress("reading video", 0.0);
  const ModelFeatures features = extractor_.extract(request.media, cancel, progress);
  const double extraction_ms = millisecondsSince(features_start);
  if (progress) progress("answering", 0.8);
  AskResult result = answer(features, request, cancel);
  result.features_ms += extraction_ms;
  if (progress) progress("done", 1.0);
  return result;
}

AskResult AskJob::answer(const ModelFeatures& features, const AskRequest& request, const CancelToken& cancel) const {
  const ModelInfo& info = model_.info();
  AskResult result;
  const auto start = std::chrono::steady_clock::now();
  result.media = features.media;
  result.features_from_cache = features.from_cache;
  result.warnings = features.warnings;
  ModelInputs inputs;
  inputs.steps = static_cast<int>(features.steps.size());
  inputs.audio = features.audio;
  inputs.visual = features.visual;
  inputs.patches = features.patches;
  inputs.patch_count = features.patch_count;
  std::vector<std::string> question_words;
  if (info.question.input == QuestionInput::Tokens) {
    const TokenizedQuestion tokens = tokenizeQuestion(request.question, request.templ_values, info.question);
    inputs.question_tokens = tokens.ids;
    question_words = tokens.words;
    if (!tokens.dropped.empty()) {
      std::string dropped;
      for (const std::string& word : tokens.dropped) dropped += (dropped.empty() ? "" : ", ") + word;
      result.warnings.push_back("words unknown to model " + info.name + " were dropped: " + dropped);
    }
  } else {
    if (request.question_features_dir.empty() || request.question_id.empty()) {
      throw AvqaError(info.file, "model " + info.name + " takes question features: give --question-features DIR and --question-id N");
    }
    inputs.question_features = loadQuestionFeatures(request.question_features_dir, request.question_id,
                                                    static_cast<std::size_t>(info.question.dim));
  }
  result.features_ms = millisecondsSince(start);
  const auto inference_start = std::chrono::steady_clock::now();
  result.prediction = model_.predict(inputs, cancel);
  result.inference_ms = millisecondsSince(inference_start);
  result.prediction.steps = features.steps;
  result.prediction.question_words = question_words;
  if (request.saliency != SaliencyRequest::None) {
    const auto saliency_start = std::chrono::steady_clock::now();
    result.prediction.saliency = model_.saliency(inputs, saliencyAnswerIndex(result.prediction, request, info), cancel);
    result.saliency_ms = millisecondsSince(saliency_start);
  }
  return result;
}

}  // namespace avqa
