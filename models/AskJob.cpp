#include "AskJob.h"

#include <algorithm>
#include <chrono>
#include <future>

#include "ComputeDevice.h"
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

// The model's inputs for one question on already-extracted features; `result` gets the
// media, warnings and the question's words.
ModelInputs AskJob::inputsFor(const ModelFeatures& features, const AskRequest& request, AskResult& result) const {
  const ModelInfo& info = model_.info();
  result.media = features.media;
  result.features_from_cache = features.from_cache;
  result.warnings = features.warnings;
  ModelInputs inputs;
  inputs.steps = static_cast<int>(features.steps.size());
  inputs.audio = features.audio;
  inputs.visual = features.visual;
  inputs.patches = features.patches;
  inputs.patch_count = features.patch_count;
  if (info.question.input == QuestionInput::Tokens) {
    const TokenizedQuestion tokens = tokenizeQuestion(request.question, request.templ_values, info.question);
    inputs.question_tokens = tokens.ids;
    result.prediction.question_words = tokens.words;
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
  return inputs;
}

AskResult AskJob::runOneShot(const AskRequest& request, const CancelToken& cancel, const JobProgress& progress) const {
  const int threads = torchThreadsOfThisThread();  // OpenMP counts are per thread
  std::promise<ModelFeatures> features_ready;
  std::future<ModelFeatures> features_future = features_ready.get_future();
  AskRequest forward_only = request;
  forward_only.saliency = SaliencyRequest::None;
  std::future<AskResult> answered = std::async(std::launch::async, [&, threads] {
    setTorchThreadsForThisThread(threads);
    model_.warmUp();
    const ModelFeatures ready = features_future.get();  // rethrows what extraction threw
    return answer(ready, forward_only, cancel);
  });
  const auto features_start = std::chrono::steady_clock::now();
  if (progress) progress("reading video", 0.0);
  std::optional<ModelFeatures> features;
  try {
    features = extractor_.extract(request.media, cancel, progress);
    features_ready.set_value(*features);
  } catch (...) {
    features_ready.set_exception(std::current_exception());
  }
  const double extraction_ms = millisecondsSince(features_start);
  if (progress) progress("answering", 0.8);
  AskResult result = answered.get();
  result.features_ms += extraction_ms;
  // The backward pass stays on this thread: on a thread new to torch its first autograd
  // run measured 2.7x slower (125 ms against 46 ms on the benchmark model).
  if (request.saliency != SaliencyRequest::None) {
    AskResult scratch;
    const ModelInputs inputs = inputsFor(*features, request, scratch);
    const auto saliency_start = std::chrono::steady_clock::now();
    result.prediction.saliency = model_.saliency(inputs, saliencyAnswerIndex(result.prediction, request, model_.info()), cancel);
    result.saliency_ms = millisecondsSince(saliency_start);
  }
  if (progress) progress("done", 1.0);
  return result;
}

AskResult AskJob::answer(const ModelFeatures& features, const AskRequest& request, const CancelToken& cancel) const {
  std::vector<AskResult> results = answerAll(features, {request}, cancel);
  return std::move(results.front());
}

std::vector<AskResult> AskJob::answerAll(const ModelFeatures& features, const std::vector<AskRequest>& requests,
                                         const CancelToken& cancel) const {
  const auto start = std::chrono::steady_clock::now();
  std::vector<AskResult> results(requests.size());
  std::vector<ModelInputs> inputs;
  inputs.reserve(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) inputs.push_back(inputsFor(features, requests[i], results[i]));
  const double preparation_ms = millisecondsSince(start) / static_cast<double>(std::max<std::size_t>(1, requests.size()));
  std::vector<const ModelInputs*> batch;
  for (const ModelInputs& one : inputs) batch.push_back(&one);
  const auto inference_start = std::chrono::steady_clock::now();
  std::vector<Prediction> predictions = model_.predictBatch(batch, cancel);
  // A batch's forward is shared: each question is given its share of the time.
  const double inference_ms = millisecondsSince(inference_start) / static_cast<double>(std::max<std::size_t>(1, requests.size()));
  for (std::size_t i = 0; i < requests.size(); ++i) {
    AskResult& result = results[i];
    std::vector<std::string> words = std::move(result.prediction.question_words);
    result.prediction = std::move(predictions[i]);
    result.prediction.steps = features.steps;
    result.prediction.question_words = std::move(words);
    result.features_ms = preparation_ms;
    result.inference_ms = inference_ms;
    if (requests[i].saliency != SaliencyRequest::None) {
      const auto saliency_start = std::chrono::steady_clock::now();
      result.prediction.saliency = model_.saliency(inputs[i], saliencyAnswerIndex(result.prediction, requests[i], model_.info()), cancel);
      result.saliency_ms = millisecondsSince(saliency_start);
    }
  }
  return results;
}

}  // namespace avqa
