#include "HeadStepper.h"

#include <ATen/CPUGeneratorImpl.h>
#include <dlfcn.h>

#include <cmath>
#include <future>

#include "ModuleWeights.h"

namespace avqa::training {
namespace {

// OpenBLAS's own pool, when torch's BLAS is OpenBLAS (looked up, not linked: another BLAS has none).
using BlasThreadsSetter = void (*)(int);
using BlasThreadsGetter = int (*)();

int blasThreads() {
  const auto get = reinterpret_cast<BlasThreadsGetter>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
  return get ? get() : 0;
}

void setBlasThreads(int threads) {
  const auto set = reinterpret_cast<BlasThreadsSetter>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (set && threads > 0) set(threads);
}

}  // namespace

HeadStepper::HeadStepper(builtin::HeadNet& head, const BuiltinConfig& config, const HeadFeatures& features, const QuestionSet& train,
                         const EncoderLabels* labels, HeadLossWeights weights, int workers, unsigned seed)
    : head_(head), features_(features), train_(train), labels_(labels), weights_(weights) {
  if (workers <= 1) return;
  for (int worker = 0; worker < workers; ++worker) {
    generators_.push_back(at::make_generator<at::CPUGeneratorImpl>(static_cast<uint64_t>(seed) * 7919 + static_cast<uint64_t>(worker) + 1));
    if (worker == 0) continue;
    replicas_.push_back(builtin::makeHead(config));
    copyWeights(head_, *replicas_.back());
  }
  saved_torch_threads_ = at::get_num_threads();
  saved_blas_threads_ = blasThreads();
  at::set_num_threads(1);
  setBlasThreads(1);
}

HeadStepper::~HeadStepper() {
  if (replicas_.empty()) return;
  at::set_num_threads(saved_torch_threads_);
  setBlasThreads(saved_blas_threads_);
}

double HeadStepper::partLoss(builtin::HeadNet& head, const at::Tensor& index, double share,
                             const c10::optional<at::Generator>& generator) {
  const at::Tensor videos = train_.video.index_select(0, index);
  builtin::HeadInputs inputs = batchInputs(features_, videos, train_.tokens.index_select(0, index));
  inputs.dropout_generator = generator;
  const builtin::HeadOutputs out = head.forward(inputs);
  at::Tensor loss = torch::nn::functional::cross_entropy(out.logits, train_.answer.index_select(0, index));
  if (out.aux_loss.defined()) loss = loss + out.aux_loss * weights_.aux;
  // Weak grounding of the spatial maps the head fills (GroundingLoss.h): targets from the
  // frozen encoders and the question's words. The temporal curve only with its own weight:
  // grounding it on when a named instrument sounds stalled PSTP-Net's answer (tried).
  if (labels_) {
    const GroundingTargets targets = groundingTargets(*labels_, videos, train_.named.index_select(0, index));
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
    // the summed gradient is the whole batch's.
    const int64_t parts = static_cast<int64_t>(generators_.size());
    const int64_t total = index.size(0);
    std::vector<at::Tensor> slices;
    for (int64_t part = 0, start = 0; part < parts; ++part) {
      const int64_t count = total / parts + (part < total % parts ? 1 : 0);
      slices.push_back(index.narrow(0, start, count));
      start += count;
    }
    std::vector<std::future<double>> others;
    for (std::size_t r = 0; r < replicas_.size(); ++r) {
      if (slices[r + 1].size(0) == 0) continue;
      others.push_back(std::async(std::launch::async, [this, r, &slices, total] {
        at::set_num_threads(1);  // per thread under OpenMP
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
      for (std::size_t r = 0; r < replicas_.size(); ++r) {
        if (slices[r + 1].size(0) == 0) continue;
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

}  // namespace avqa::training
