#include "HeadStepper.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <future>

#include "ComputeDevice.h"
#include "ModuleWeights.h"

namespace avqa::training {

HeadStepper::HeadStepper(builtin::HeadNet& head, const BuiltinConfig& config, const HeadFeatures& features, const QuestionSet& train,
                         const EncoderLabels* labels, HeadLossWeights weights, int workers, unsigned seed, BatchGrouping grouping)
    : head_(head), features_(features), train_(train), labels_(labels), weights_(weights), grouping_(grouping) {
  if (workers <= 1) return;
  for (int worker = 0; worker < workers; ++worker) {
    generators_.push_back(at::make_generator<at::CPUGeneratorImpl>(static_cast<uint64_t>(seed) * 7919 + static_cast<uint64_t>(worker) + 1));
    if (worker == 0) continue;
    replicas_.push_back(builtin::makeHead(config));
    copyWeights(head_, *replicas_.back());
  }
  saved_threads_ = torchThreadsOfThisThread();
  setTorchThreadsForThisThread(1);
}

HeadStepper::~HeadStepper() {
  if (replicas_.empty()) return;
  setTorchThreadsForThisThread(saved_threads_);
}

double HeadStepper::partLoss(builtin::HeadNet& head, const at::Tensor& index, double share,
                             const c10::optional<at::Generator>& generator) {
  const at::Tensor videos = train_.video.index_select(0, index);
  const at::Tensor tokens = train_.tokens.index_select(0, index);
  builtin::HeadInputs inputs;
  if (grouping_ != BatchGrouping::Shuffled) {
    const auto [distinct, video_of_question] = at::_unique(videos, /*sorted=*/true, /*return_inverse=*/true);
    inputs = batchInputs(features_, distinct, tokens);
    inputs.video_of_question = video_of_question;
  } else {
    inputs = batchInputs(features_, videos, tokens);
  }
  inputs.dropout_generator = generator;
  const builtin::HeadOutputs out = head.forward(inputs);
  at::Tensor loss = torch::nn::functional::cross_entropy(out.logits, train_.answer.index_select(0, index));
  if (out.aux_loss.defined()) loss = loss + out.aux_loss * weights_.aux;
  // Weak grounding of the spatial maps the head fills (GroundingLoss.h): targets from the
  // frozen encoders and the question's words. The temporal curve only with its own weight:
  // grounding it on when a named instrument sounds stalled PSTP-Net's answer (tried).
  if (labels_) {
    const GroundingTargets targets = groundingTargets(*labels_, videos, train_.named.index_select(0, index),
                                                      train_.onset_rank.index_select(0, index), weights_.time_target,
                                                      weights_.unnamed_target);
    for (const auto& [map, target, weight] : {std::tuple{out.spatial, targets.question_patches, weights_.grounding},
                                              std::tuple{out.sound_spatial, targets.sound_patches, weights_.grounding},
                                              std::tuple{out.temporal, targets.sounding_steps, weights_.time_grounding}}) {
      if (weight <= 0.0 || !map.defined() || !map.requires_grad()) continue;
      const at::Tensor grounding = groundingLoss(map, target);
      if (grounding.defined()) loss = loss + grounding * weight;
    }
  }
  if (share != 1.0) loss = loss * share;
  const double value = loss.item<double>();
  if (std::isfinite(value)) loss.backward();
  return value;
}

std::optional<double> HeadStepper::step(const at::Tensor& index, torch::optim::Optimizer& optimizer) {
  optimizer.zero_grad();
  double loss = 0.0;
  if (replicas_.empty()) {
    loss = partLoss(head_, index, 1.0, c10::nullopt);
  } else {
    // Parts of (nearly) equal size; each weighs its mean loss by its share of the batch, so
    // the summed gradient of a per-question loss is the whole batch's. The in-batch auxiliary
    // losses (AVST's mismatched audio, AV-Master's contrast) pair within a part: at least two
    // questions a part, and AV-Master contrasts with half the negatives at two workers.
    const int64_t total = index.size(0);
    // A dealt batch takes a few questions of each of its videos in turn: cut as it comes, every
    // part would compute every video. Ordered by video, each part computes its share of them.
    const at::Tensor ordered =
        grouping_ == BatchGrouping::VideoShares
            ? index.index_select(0, std::get<1>(train_.video.index_select(0, index).sort(/*stable=*/true, 0, false)))
            : index;
    const int64_t parts = std::clamp<int64_t>(total / 2, 1, static_cast<int64_t>(generators_.size()));
    std::vector<at::Tensor> slices;
    for (int64_t part = 0, start = 0; part < parts; ++part) {
      const int64_t count = total / parts + (part < total % parts ? 1 : 0);
      slices.push_back(ordered.narrow(0, start, count));
      start += count;
    }
    std::vector<std::future<double>> others;
    for (std::size_t r = 0; r + 1 < slices.size(); ++r) {
      others.push_back(std::async(std::launch::async, [this, r, &slices, total] {
        at::set_num_threads(1);  // per thread under OpenMP; OpenBLAS's pool is already at one
        replicas_[r]->train(head_.is_training());
        replicas_[r]->zero_grad();
        return partLoss(*replicas_[r], slices[r + 1], static_cast<double>(slices[r + 1].size(0)) / static_cast<double>(total),
                        generators_[r + 1]);
      }));
    }
    loss = partLoss(head_, slices[0], static_cast<double>(slices[0].size(0)) / static_cast<double>(total), generators_[0]);
    for (auto& other : others) loss += other.get();  // in worker order: the sum does not depend on timing
    if (std::isfinite(loss)) {
      torch::NoGradGuard no_grad;
      auto master = head_.parameters();
      for (std::size_t r = 0; r + 1 < slices.size(); ++r) {
        const auto replica = replicas_[r]->parameters();
        for (std::size_t i = 0; i < master.size(); ++i) {
          const at::Tensor& grad = replica[i].grad();
          if (!grad.defined()) continue;
          if (master[i].mutable_grad().defined()) {
            master[i].mutable_grad().add_(grad);
          } else {
            master[i].mutable_grad() = grad.clone();
          }
        }
      }
    }
  }
  if (!std::isfinite(loss)) return std::nullopt;
  if (!std::isfinite(torch::nn::utils::clip_grad_norm_(head_.parameters(), 5.0))) return std::nullopt;
  optimizer.step();
  for (const auto& replica : replicas_) copyWeights(head_, *replica);
  return loss;
}

double HeadStepper::accuracyPercent(const QuestionSet& questions) {
  const int parts = static_cast<int>(replicas_.size()) + 1;
  std::vector<std::future<int64_t>> others;
  for (int part = 1; part < parts; ++part) {
    others.push_back(std::async(std::launch::async, [this, part, parts, &questions] {
      at::set_num_threads(1);
      return countRightAnswers(*replicas_[static_cast<std::size_t>(part - 1)], features_, questions, part, parts);
    }));
  }
  int64_t right = countRightAnswers(head_, features_, questions, 0, parts);
  for (auto& other : others) right += other.get();
  return questions.size() > 0 ? 100.0 * static_cast<double>(right) / static_cast<double>(questions.size()) : 0.0;
}

}  // namespace avqa::training
