#include "GroundingLoss.h"

namespace avqa::training {

EncoderLabels encoderLabels(builtin::BuiltinBundle& bundle, const EncodedVideos& features) {
  torch::NoGradGuard no_grad;
  bundle->audio->eval();
  bundle->visual->eval();
  EncoderLabels labels;
  // Padded steps were zeroed when encoded; their labels would be the classifiers' biases.
  labels.real = features.audio.abs().sum(-1).gt(0).to(torch::kFloat);
  std::vector<at::Tensor> classes, sounding;
  const int64_t chunk = 64;
  for (int64_t start = 0; start < features.patches.size(0); start += chunk) {
    const int64_t count = std::min(chunk, features.patches.size(0) - start);
    classes.push_back(bundle->visual->patchLogits(features.patches.narrow(0, start, count)).argmax(-1));
    sounding.push_back(bundle->audio->soundingLogits(features.audio.narrow(0, start, count)).gt(0).to(torch::kFloat));
  }
  labels.patch_class = torch::cat(classes) * labels.real.unsqueeze(-1).to(torch::kLong);
  labels.sounding = torch::cat(sounding) * labels.real.unsqueeze(-1);
  return labels;
}

GroundingTargets groundingTargets(const EncoderLabels& labels, const at::Tensor& videos, const at::Tensor& named) {
  GroundingTargets targets;
  const at::Tensor classes = labels.patch_class.index_select(0, videos);  // [B,T,M]
  const at::Tensor sounding = labels.sounding.index_select(0, videos);    // [B,T,22]
  const int64_t batch = classes.size(0), steps = classes.size(1), patches = classes.size(2);
  // Column 0 is the background class: never a target.
  const at::Tensor named_by_class = torch::cat({torch::zeros({batch, 1}, named.options()), named}, 1);  // [B,23]
  targets.question_patches = named_by_class.gather(1, classes.view({batch, -1})).view({batch, steps, patches});
  const at::Tensor sounding_by_class = torch::cat({torch::zeros({batch, steps, 1}, sounding.options()), sounding}, 2);  // [B,T,23]
  targets.sound_patches = sounding_by_class.gather(2, classes);
  const at::Tensor named_heard = (sounding * named.unsqueeze(1)).sum(-1).gt(0);  // [B,T]
  const at::Tensor any_heard = sounding.sum(-1).gt(0);
  const at::Tensor use_named = named_heard.any(1, true);
  targets.sounding_steps = torch::where(use_named, named_heard, any_heard).to(torch::kFloat);
  return targets;
}

at::Tensor groundingLoss(const at::Tensor& weights, const at::Tensor& target) {
  const int64_t width = weights.size(-1);
  const at::Tensor w = weights.reshape({-1, width});
  const at::Tensor on_target = target.reshape({-1, width}).to(w.dtype());
  const at::Tensor mass = w.sum(1);
  // Only rows that weigh every patch: grounding PSTP-Net's sound map over just the regions
  // its question kept stalled its answer at the blind baseline (tried); in training it now
  // weighs every patch of the kept steps.
  const at::Tensor whole = w.detach().gt(0).all(1);
  const at::Tensor rows = (on_target.sum(1).gt(0) & mass.gt(1e-6) & whole).nonzero().squeeze(1);
  if (rows.numel() == 0) return {};
  const at::Tensor share = (w * on_target).sum(1).index_select(0, rows) / mass.index_select(0, rows);
  // Zero once the share reaches the margin: the map keeps the rest of its weight for what
  // else the answer needs (the player next to the named one, say). A margin of 0.8 cost
  // PSTP-Net 8 points of accuracy (tried).
  return -torch::log((share / kGroundingMargin).clamp_max(1.0) + 1e-6).mean();
}

}  // namespace avqa::training
