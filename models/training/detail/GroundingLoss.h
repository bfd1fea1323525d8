#pragma once

// Internal to avqa_models (includes torch): weak grounding for the heads' readouts. The
// targets come from the frozen encoders and the question's own words, never from ground
// truth: where the instruments a question names are (the visual encoder's patch labels) and
// which patches show what sounds in a step (the audio encoder's labels). The
// same recipe works on a researcher's data with any encoder that names instruments.

#include <torch/torch.h>

#include "EncoderTraining.h"
#include "TrainingSet.h"
#include "training/Trainer.h"
#include "builtin/detail/BuiltinBundle.h"

namespace avqa::training {

struct EncoderLabels {
  at::Tensor patch_class;  // [V,T,M] int64: 0 background, 1 + instrument index (visual encoder's arg-max)
  at::Tensor sounding;     // [V,T,22] float 0/1: the audio encoder's sounding logit > 0; 0 on padded steps
  at::Tensor real;         // [V,T] float 0/1: not a padded step
};

EncoderLabels encoderLabels(builtin::BuiltinBundle& bundle, const EncodedVideos& features);

struct GroundingTargets {
  at::Tensor question_patches;  // [B,T,M]: patches showing an instrument the question names; when it
                                // names none, nothing or the sound_patches (UnnamedQuestionTarget)
  at::Tensor sound_patches;     // [B,T,M]: patches showing an instrument that sounds in that step
  at::Tensor sounding_steps;    // [B,T]: steps where an instrument the question names sounds, or any
                                // instrument when it names none (or none of them is heard); see TimeTarget
};

// `videos` [B] into the labels, `named` [B,22] float 0/1 (the instruments the questions name),
// `onset_rank` [B] (QuestionSet::onset_rank; read with OnsetForOrderQuestions only).
GroundingTargets groundingTargets(const EncoderLabels& labels, const at::Tensor& videos, const at::Tensor& named,
                                  const at::Tensor& onset_rank = {}, TimeTarget time_target = TimeTarget::SoundingSteps,
                                  UnnamedQuestionTarget unnamed_target = UnnamedQuestionTarget::None);

// Half of a map's weight on its target is enough: its arg-max lands there.
constexpr double kGroundingMargin = 0.5;

// -log of the share of a map's mass on its target (divided by kGroundingMargin, capped at 1),
// averaged over the rows (last dim) that have a target and weigh every entry; undefined when
// none has.
at::Tensor groundingLoss(const at::Tensor& weights, const at::Tensor& target);

}  // namespace avqa::training
