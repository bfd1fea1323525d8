#include "Trainer.h"

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "builtin/detail/BuiltinBundle.h"
#include "common/AvqaError.h"
#include "common/Timestamp.h"
#include "common/FileHash.h"
#include "detail/EncoderTraining.h"
#include "detail/EpochOrder.h"
#include "detail/FeatureCache.h"
#include "detail/GroundingLoss.h"
#include "detail/HeadFeatures.h"
#include "detail/HeadStepper.h"
#include "detail/ModuleWeights.h"
#include "detail/TrainingSet.h"

namespace avqa {
namespace {

using namespace training;

constexpr int kDefaultHeadEpochs = 30;
constexpr int kDefaultEncoderEpochs = 4;
constexpr double kAuxLossWeight = 0.2;
constexpr int kEncoderBatch = 64;

class Clock {
 public:
  double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// How the training record names the batches.
std::string batchesRecord(const TrainOptions& options) {
  switch (options.batch_grouping) {
    case BatchGrouping::WholeVideos: return "whole videos";
    case BatchGrouping::VideoShares: return "questions dealt across " + std::to_string(options.videos_per_batch) + " videos";
    case BatchGrouping::Shuffled: break;
  }
  return "shuffled questions";
}

// The head keeps its own sizes; everything the encoders fix comes from their file.
void adoptEncoderSizes(const BuiltinConfig& from, BuiltinConfig& config) {
  config.time_steps = from.time_steps;
  config.stride_s = from.stride_s;
  config.audio_dim = from.audio_dim;
  config.visual_dim = from.visual_dim;
  config.patch_dim = from.patch_dim;
  config.grid = from.grid;
  config.image_size = from.image_size;
}

// What names a frozen encoder pair: its sizes and every weight's bytes.
std::string encoderWeightsKey(builtin::BuiltinBundle& bundle, const BuiltinConfig& config) {
  std::string bytes = std::to_string(config.time_steps) + "/" + std::to_string(config.stride_s) + "/" + std::to_string(config.image_size) +
                      "/" + std::to_string(config.grid);
  const auto append = [&bytes](const std::vector<at::Tensor>& values) {
    for (const at::Tensor& value : values) {
      const at::Tensor data = value.detach().contiguous().to(torch::kFloat);
      bytes.append(static_cast<const char*>(data.data_ptr()), static_cast<std::size_t>(data.numel()) * sizeof(float));
    }
  };
  for (torch::nn::Module* module : {static_cast<torch::nn::Module*>(bundle->audio.get()), static_cast<torch::nn::Module*>(bundle->visual.get())}) {
    append(module->parameters());
    append(module->buffers());
  }
  return sha256OfText(bytes);
}

}  // namespace

TrainSummary trainBuiltinModel(const TrainOptions& options, const CancelToken& cancel,
                               const std::function<void(const TrainProgress&)>& progress) {
  const Clock clock;
  const auto report = [&](TrainProgress update) {
    update.elapsed_s = clock.seconds();
    if (progress) progress(update);
  };
  torch::manual_seed(options.seed);
  std::mt19937 rng(options.seed);
  TrainSummary summary;

  builtin::BuiltinModelData model;
  std::optional<Vocabulary> fixed;
  BuiltinConfig config = options.config.value_or(BuiltinConfig::demoScale(options.arch));
  if (!options.resume_path.empty()) {
    model = builtin::readBuiltinModelFile(options.resume_path, "cpu");
    if (model.config.arch != options.arch) {
      throw AvqaError(options.resume_path, "is a " + builtinArchName(model.config.arch) + " model, not " + builtinArchName(options.arch));
    }
    config = model.config;
    fixed = Vocabulary{model.vocab, model.answers, model.config.max_len};
  }
  std::optional<builtin::BuiltinModelData> encoders_source;
  if (!options.encoders_path.empty() && options.resume_path.empty()) {
    encoders_source = builtin::readBuiltinModelFile(options.encoders_path, "cpu");
    adoptEncoderSizes(encoders_source->config, config);
  }
  // With encoders known before the videos are read (from a file, or resumed), their features
  // may already be cached: then the videos are not decoded at all.
  std::optional<FeatureCache> cache;
  std::optional<EncodedVideos> cached;
  const bool refining = encoders_source && options.refine_audio_epochs > 0;
  builtin::BuiltinBundle* known_encoders =
      refining ? nullptr : encoders_source ? &encoders_source->bundle : (!options.resume_path.empty() ? &model.bundle : nullptr);
  if (known_encoders && !options.feature_cache_dir.empty()) {
    cache.emplace(options.feature_cache_dir, encoderWeightsKey(*known_encoders, config), options.data_dir, options.max_videos);
  }
  const auto decoding = [&](double fraction) { report({"decoding", 0, 0, fraction}); };
  // With a cache, the ids come first (cheap) to see whether it holds these videos.
  TrainingSet set = loadTrainingSet(options.data_dir, config, fixed ? &*fixed : nullptr, options.max_videos,
                                    cache ? MediaDecoding::Skip : MediaDecoding::Decode, options.augmentation, cancel, decoding);
  if (cache) cached = cache->load(set.videos.ids);
  if (cache && !cached) {
    set = loadTrainingSet(options.data_dir, config, fixed ? &*fixed : nullptr, options.max_videos, MediaDecoding::Decode,
                          options.augmentation, cancel, decoding);
  }
  if (options.train_videos > 0) {
    const at::Tensor kept = set.train.video.lt(options.train_videos).nonzero().squeeze(1);
    set.train.video = set.train.video.index_select(0, kept);
    set.train.tokens = set.train.tokens.index_select(0, kept);
    set.train.answer = set.train.answer.index_select(0, kept);
    set.train.named = set.train.named.index_select(0, kept);
    set.train.onset_rank = set.train.onset_rank.index_select(0, kept);
  }
  summary.videos = static_cast<int>(set.videos.ids.size());
  summary.train_questions = static_cast<int>(set.train.size());
  summary.val_questions = static_cast<int>(set.val.size());
  if (!fixed) {
    config.vocab_size = static_cast<int>(set.vocab.size());
    config.classes = static_cast<int>(set.answers.size());
    config.max_len = set.max_len;
    try {
      config.validate();
    } catch (const UsageError& error) {
      throw AvqaError(options.data_dir, error.what());
    }
    torch::manual_seed(options.seed);
    model.config = config;
    model.answers = set.answers;
    model.vocab = set.vocab;
    model.name = builtinArchTitle(options.arch) + " (built-in)";
    model.bundle = builtin::BuiltinBundle(config);
    if (encoders_source) {
      copyWeights(*encoders_source->bundle->audio, *model.bundle->audio);
      copyWeights(*encoders_source->bundle->visual, *model.bundle->visual);
    }
    if (!encoders_source || refining) {
      if (!set.videos.has_labels) {
        throw AvqaError(options.data_dir, "has no groundtruth.json: the encoders need its labels (or give --encoders FILE or --resume FILE)");
      }
      training::EncoderPretraining plan;
      plan.epochs = refining ? options.refine_audio_epochs : options.encoder_epochs > 0 ? options.encoder_epochs : kDefaultEncoderEpochs;
      plan.batch_size = kEncoderBatch;
      plan.scope = refining ? training::EncoderScope::AudioOnly : training::EncoderScope::AudioAndVisual;
      const double started = clock.seconds();
      const EncoderScores scores = pretrainEncoders(model.bundle, set.videos, plan, rng, cancel,
                                                    [&](int epoch, double fraction, double loss) {
                                                      const double done = (epoch + fraction) / plan.epochs;
                                                      const double spent = clock.seconds() - started;
                                                      report({"encoders", epoch + 1, plan.epochs, fraction, loss, std::nullopt, 0.0,
                                                              done > 0 ? spent / done - spent : 0.0});
                                                    });
      summary.encoder_patch_accuracy = scores.patch_accuracy;
      summary.encoder_sound_accuracy = scores.sound_accuracy;
      summary.encoder_sound_pointing = scores.sound_pointing;
      summary.encoder_rhythm_order = scores.rhythm_order;
    }
  }
  for (const at::Tensor& p : model.bundle->audio->parameters()) p.set_requires_grad(false);
  for (const at::Tensor& p : model.bundle->visual->parameters()) p.set_requires_grad(false);
  report({"features", 0, 0, 0.0});
  summary.features_from_cache = cached.has_value();
  const EncodedVideos features = cached ? *cached : encodeVideos(model.bundle, set.videos, cancel);
  if (!cache && !options.feature_cache_dir.empty()) {
    cache.emplace(options.feature_cache_dir, encoderWeightsKey(model.bundle, config), options.data_dir, options.max_videos);
  }
  if (cache && !cached) cache->save(set.videos.ids, features);
  VideoSet kept;  // the decoded media are no longer needed
  kept.ids = set.videos.ids;
  kept.train_videos = set.videos.train_videos;
  set.videos = std::move(kept);
  const HeadFeatures head_features(features, config);
  std::optional<EncoderLabels> labels;
  if (options.grounding_weight > 0.0 || options.time_grounding_weight > 0.0) labels = encoderLabels(model.bundle, features);

  // The head: answer loss plus the architecture's own extra loss; the best validation epoch wins.
  builtin::HeadNet& head = *model.bundle->head;
  const int epochs = options.epochs > 0 ? options.epochs : kDefaultHeadEpochs;
  torch::optim::AdamW optimizer(head.parameters(), torch::optim::AdamWOptions(options.learning_rate).weight_decay(1e-4));
  EpochOrder order(set.train.video, options.batch_grouping, options.videos_per_batch);
  const int64_t batch_size = options.batch_size;
  const int64_t batches = (set.train.size() + batch_size - 1) / batch_size;
  summary.best_val_accuracy = -1.0;
  std::vector<at::Tensor> best = snapshot(head);
  HeadStepper stepper(head, model.config, head_features, set.train, labels ? &*labels : nullptr,
                      HeadLossWeights{kAuxLossWeight, options.grounding_weight, options.time_grounding_weight, options.time_target,
                                      options.unnamed_target}, options.workers, options.seed, options.batch_grouping);
  const double head_started = clock.seconds();
  for (int epoch = 0; epoch < epochs; ++epoch) {
    const double lr = options.learning_rate * 0.5 * (1.0 + std::cos(M_PI * epoch / epochs));
    for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
    head.train();
    const at::Tensor shuffled = order.next(rng);
    double loss_sum = 0.0;
    int64_t steps_taken = 0;
    for (int64_t b = 0; b < batches; ++b) {
      cancel.throwIfCancelled();
      const at::Tensor index = shuffled.narrow(0, b * batch_size, std::min<int64_t>(batch_size, shuffled.size(0) - b * batch_size));
      const std::optional<double> step_loss = stepper.step(index, optimizer);
      const bool applied = step_loss.has_value();
      if (applied) {
        loss_sum += *step_loss;
        ++steps_taken;
      } else {
        ++summary.skipped_steps;
      }
      const double done = (epoch + static_cast<double>(b + 1) / batches) / epochs;
      const double spent = clock.seconds() - head_started;
      report({"head", epoch + 1, epochs, static_cast<double>(b + 1) / batches, loss_sum / static_cast<double>(std::max<int64_t>(steps_taken, 1)),
              std::nullopt, 0.0, spent / done - spent});
    }
    if (steps_taken == 0) {
      throw AvqaError(options.data_dir, "training diverged at head epoch " + std::to_string(epoch + 1) +
                                            ": no step had a finite loss and gradient (try a lower --lr)");
    }
    summary.epoch_losses.push_back(loss_sum / static_cast<double>(steps_taken));
    const double val = stepper.accuracyPercent(set.val);
    if (val > summary.best_val_accuracy) {
      summary.best_val_accuracy = val;
      summary.best_epoch = epoch + 1;
      best = snapshot(head);
    }
    const double spent = clock.seconds() - head_started;
    report({"head", epoch + 1, epochs, 1.0, summary.epoch_losses.back(), val, 0.0, spent / (epoch + 1) * (epochs - epoch - 1)});
  }
  restore(head, best);
  head.eval();
  summary.seconds = clock.seconds();
  summary.head_seconds = clock.seconds() - head_started;

  nlohmann::ordered_json training{{"command", options.command_line},
                                  {"seed", options.seed},
                                  {"epochs", epochs},
                                  {"grounding_weight", options.grounding_weight},
                                  {"time_grounding_weight", options.time_grounding_weight},
                                  {"workers", options.workers},
                                  {"time_target", options.time_target == TimeTarget::OnsetForOrderQuestions ? "onset for order questions" : "sounding steps"},
                                  {"batches", batchesRecord(options)},
                                  {"swap_comparisons", options.augmentation == QuestionAugmentation::SwapComparisons},
                                  {"unnamed_question_target", options.unnamed_target == UnnamedQuestionTarget::SoundingPatches ? "sounding patches" : "none"},
                                  {"best_epoch", summary.best_epoch},
                                  {"skipped_steps", summary.skipped_steps},
                                  {"val_accuracy", std::round(summary.best_val_accuracy * 100.0) / 100.0},
                                  {"train_questions", summary.train_questions},
                                  {"train_videos", options.train_videos > 0 ? std::min<int64_t>(options.train_videos, set.videos.train_videos)
                                                                            : set.videos.train_videos},
                                  {"videos", summary.videos},
                                  {"seconds", std::round(summary.seconds)},
                                  {"head_seconds", std::round(summary.head_seconds)},
                                  {"finished", utcTimestampNow()}};
  if (!options.resume_path.empty()) training["resumed_from"] = options.resume_path;
  if (encoders_source) training["encoders_from"] = options.encoders_path;
  if (refining) training["audio_encoder_refined_epochs"] = options.refine_audio_epochs;
  model.training_json = training.dump();
  builtin::writeBuiltinModelFile(model, options.out_path);
  return summary;
}

}  // namespace avqa
