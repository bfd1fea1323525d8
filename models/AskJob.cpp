#include "AskJob.h"

#include <chrono>
#include <cmath>
#include <filesystem>

#include "QuestionTokenizer.h"
#include "TorchScriptEncoders.h"
#include "common/AvqaError.h"
#include "features/FeatureFolder.h"
#include "media/LogMel.h"

namespace avqa {
namespace {

double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void requireDim(int actual, int expected, const std::string& what, const std::string& source, const std::string& model) {
  if (actual != expected) {
    throw AvqaError(source, what + " features have " + std::to_string(actual) + " values per step, model " + model +
                                " expects " + std::to_string(expected));
  }
}

}  // namespace

AskJob::AskJob(AvqaModel& model) : model_(model) {
  const ModelInfo& info = model.info();
  if (info.encoders.count("audio")) audio_encoder_ = std::make_unique<TorchScriptAudioEncoder>(info.encoders.at("audio"), model.deviceName());
  if (info.encoders.count("visual")) visual_encoder_ = std::make_unique<TorchScriptVisualEncoder>(info.encoders.at("visual"), model.deviceName());
}

AskJob::~AskJob() = default;

AskResult AskJob::run(const AskRequest& request, const CancelToken& cancel, const JobProgress& progress) const {
  const ModelInfo& info = model_.info();
  const auto report = [&](const char* stage, double fraction) {
    if (progress) progress(stage, fraction);
  };
  AskResult result;
  const auto features_start = std::chrono::steady_clock::now();
  report("reading video", 0.0);
  const MediaSampler video(request.video_path);
  result.media = video.info();
  const std::vector<TimeStep> steps = planTimeSteps(result.media.duration_s, info.time_steps, info.stride_s, request.placement);
  const std::size_t t = steps.size();
  ModelInputs inputs;
  inputs.steps = static_cast<int>(t);

  if (!request.features_dir.empty()) {
    const FeatureFolder folder(request.features_dir);
    for (const std::string& kind : {info.audio.kind, info.visual.kind}) {
      if (!folder.folderOf(kind)) {
        throw AvqaError(request.features_dir, "has no folder of " + kind + " features, which model " + info.name + " needs");
      }
    }
    std::vector<int> rows;
    for (const TimeStep& step : steps) rows.push_back(step.padded ? -1 : static_cast<int>(std::floor(step.start_s + 1e-6)));
    const std::string video_id = std::filesystem::path(request.video_path).stem().string();
    const StepFeatures audio = folder.audio(info.audio.kind, video_id, rows);
    requireDim(static_cast<int>(audio.dim), info.audio.dim, "audio", request.features_dir, info.name);
    inputs.audio = audio.values;
    const StepPatchFeatures visual = folder.visual(info.visual.kind, video_id, rows);
    requireDim(static_cast<int>(visual.dim), info.visual.dim, "visual", request.features_dir, info.name);
    inputs.visual = visual.frame;
    if (info.patches) {
      requireDim(static_cast<int>(visual.dim), info.patches->dim, "patch", request.features_dir, info.name);
      inputs.patches = visual.values;
      inputs.patch_count = static_cast<int>(visual.patches);
    }
  } else {
    if (!audio_encoder_ || !visual_encoder_) {
      throw AvqaError(info.file, "model " + info.name + " needs " + info.audio.kind + " and " + info.visual.kind +
                                     " features: give --features DIR with those folders (the model names no encoders)");
    }
    report("decoding audio", 0.2);
    const MediaSampler audio_source(request.audio_path.empty() ? request.video_path : request.audio_path);
    const std::vector<float> audio = audio_source.audioMono(LogMelExtractor::kSampleRate, cancel);
    if (audio.empty()) result.warnings.push_back(request.video_path + ": has no audio track; the model hears silence");
    LogMelExtractor log_mel;
    std::vector<float> examples;
    for (const TimeStep& step : steps) {
      cancel.throwIfCancelled();
      const long start = static_cast<long>(std::lround(step.start_s * LogMelExtractor::kSampleRate));
      const std::vector<float> example = step.padded ? std::vector<float>(96 * 64, std::log(0.01f)) : log_mel.example(audio, start);
      examples.insert(examples.end(), example.begin(), example.end());
    }
    report("encoding", 0.4);
    inputs.audio = audio_encoder_->encode(examples, static_cast<int>(t));
    requireDim(audio_encoder_->dim(), info.audio.dim, "audio", info.encoders.at("audio"), info.name);
    for (std::size_t i = 0; i < t; ++i) {
      if (steps[i].padded) std::fill_n(inputs.audio.begin() + static_cast<std::ptrdiff_t>(i) * info.audio.dim, info.audio.dim, 0.0f);
    }
    std::vector<double> times;
    for (const TimeStep& step : steps) times.push_back(step.padded ? 0.0 : step.frameTime());
    std::vector<QImage> frames = video.framesAt(times, cancel);
    const VisualEncoding visual = visual_encoder_->encode(frames);
    requireDim(visual_encoder_->dim(), info.visual.dim, "visual", info.encoders.at("visual"), info.name);
    inputs.visual = visual.frame;
    if (info.patches) {
      requireDim(visual_encoder_->patchDim(), info.patches->dim, "patch", info.encoders.at("visual"), info.name);
      inputs.patches = visual.patches;
      inputs.patch_count = visual.patch_count;
    }
    for (std::size_t i = 0; i < t; ++i) {  // padded steps are zero, as DESIGN.md says
      if (!steps[i].padded) continue;
      std::fill_n(inputs.visual.begin() + static_cast<std::ptrdiff_t>(i) * info.visual.dim, info.visual.dim, 0.0f);
      if (info.patches) {
        const std::size_t size = static_cast<std::size_t>(inputs.patch_count * info.patches->dim);
        std::fill_n(inputs.patches.begin() + static_cast<std::ptrdiff_t>(i * size), size, 0.0f);
      }
    }
  }
  if (info.patches && inputs.patch_count != info.patches->grid[0] * info.patches->grid[1]) {
    throw AvqaError(info.file, "declares a " + std::to_string(info.patches->grid[0]) + "x" + std::to_string(info.patches->grid[1]) +
                                   " patch grid but its features hold " + std::to_string(inputs.patch_count) + " patches");
  }

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
  result.features_ms = millisecondsSince(features_start);

  report("answering", 0.8);
  const auto inference_start = std::chrono::steady_clock::now();
  result.prediction = model_.predict(inputs, cancel);
  result.inference_ms = millisecondsSince(inference_start);
  result.prediction.steps = steps;
  result.prediction.question_words = question_words;
  report("done", 1.0);
  return result;
}

}  // namespace avqa
