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

namespace {

// [B]: the step the question's onset rank points at, or -1 where it asks none or there is no
// such onset. candidates [B,T,I] 0/1: what may count as heard.
at::Tensor onsetSteps(const at::Tensor& candidates, const at::Tensor& onset_rank) {
  const int64_t steps = candidates.size(1);
  const at::Tensor step_index = torch::arange(steps, torch::kLong).view({1, steps, 1});
  // Each instrument's first heard step; `steps` where it is never heard.
  const at::Tensor first_heard = torch::where(candidates.gt(0), step_index, steps).amin(1);  // [B,I]
  const at::Tensor ascending = std::get<0>(first_heard.sort(1));                            // [B,I]
  const at::Tensor rank = onset_rank.clamp(1, ascending.size(1)) - 1;
  const at::Tensor nth = ascending.gather(1, rank.unsqueeze(1)).squeeze(1);
  const at::Tensor latest = torch::where(first_heard.lt(steps), first_heard, -1).amax(1);
  at::Tensor chosen = torch::where(onset_rank.eq(kLastOnset), latest, nth);
  return torch::where(onset_rank.eq(0) | chosen.ge(steps), torch::full_like(chosen, -1), chosen);
}

}  // namespace

GroundingTargets groundingTargets(const EncoderLabels& labels, const at::Tensor& videos, const at::Tensor& named,
                                  const at::Tensor& onset_rank, TimeTarget time_target, UnnamedQuestionTarget unnamed_target) {
  GroundingTargets targets;
  const at::Tensor classes = labels.patch_class.index_select(0, videos);  // [B,T,M]
  const at::Tensor sounding = labels.sounding.index_select(0, videos);    // [B,T,22]
  const int64_t batch = classes.size(0), steps = classes.size(1), patches = classes.size(2);
  // Column 0 is the background class: never a target.
  const at::Tensor named_by_class = torch::cat({torch::zeros({batch, 1}, named.options()), named}, 1);  // [B,23]
  const at::Tensor named_patches = named_by_class.gather(1, classes.view({batch, -1})).view({batch, steps, patches});
  const at::Tensor sounding_by_class = torch::cat({torch::zeros({batch, steps, 1}, sounding.options()), sounding}, 2);  // [B,T,23]
  targets.sound_patches = sounding_by_class.gather(2, classes);
  // A question that names no instrument ("How many instruments are sounding?", "Where is the
  // first sounding instrument?") asks about what sounds: without a target AV-Master's map rested
  // on whichever instrument stood in view, silent or not.
  targets.question_patches = named_patches;
  if (unnamed_target == UnnamedQuestionTarget::SoundingPatches) {
    const at::Tensor names_one = named.sum(1).gt(0).view({batch, 1, 1});
    targets.question_patches = torch::where(names_one, named_patches, targets.sound_patches);
  }
  const at::Tensor named_heard = (sounding * named.unsqueeze(1)).sum(-1).gt(0);  // [B,T]
  const at::Tensor any_heard = sounding.sum(-1).gt(0);
  const at::Tensor use_named = named_heard.any(1, true);
  targets.sounding_steps = torch::where(use_named, named_heard, any_heard).to(torch::kFloat);
  if (time_target == TimeTarget::OnsetForOrderQuestions) {
    const at::Tensor candidates = torch::where(use_named.unsqueeze(-1), sounding * named.unsqueeze(1), sounding);  // [B,T,22]
    const at::Tensor onset = onsetSteps(candidates, onset_rank);
    const at::Tensor asked = onset.ge(0);
    const at::Tensor one_step = torch::arange(steps, torch::kLong).unsqueeze(0).eq(onset.unsqueeze(1)).to(torch::kFloat);  // [B,T]
    targets.sounding_steps = torch::where(asked.unsqueeze(1), one_step, targets.sounding_steps);
  }
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
