#pragma once

// Internal to avqa_models (includes torch): what a head reads per training video, and the
// batches and validation accuracy made from it.

#include <torch/torch.h>

#include "EncoderTraining.h"
#include "TrainingSet.h"
#include "builtin/detail/HeadNet.h"

namespace avqa::training {

// Each part computed once for the whole run: no head weight changes it.
struct HeadFeatures {
  const EncodedVideos& encoded;
  at::Tensor bands;        // [V,T,K,Dp] layout bands, when the head has them
  at::Tensor patch_codes;  // [V,T,M,Dp] normalised patch codes, when the head attends over patches

  HeadFeatures(const EncodedVideos& features, const BuiltinConfig& config);
};

// The inputs of the questions whose videos are `videos` [B] and tokens `tokens` [B,L].
builtin::HeadInputs batchInputs(const HeadFeatures& features, const at::Tensor& videos, const at::Tensor& tokens);

// How many of `questions` the head answers right, in eval mode: of their chunks of 256, those
// whose index is `part` modulo `parts` (part 0 of 1: all of them).
int64_t countRightAnswers(builtin::HeadNet& head, const HeadFeatures& features, const QuestionSet& questions, int part, int parts);

}  // namespace avqa::training
