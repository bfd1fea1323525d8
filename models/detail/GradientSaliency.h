#pragma once

// Internal to avqa_models (includes torch): gradient × input for any model's forward.

#include <ATen/ATen.h>

#include <functional>
#include <string>

#include "Prediction.h"

namespace avqa::detail {

struct SaliencyInputs {
  at::Tensor audio;    // [1,T,Da]
  at::Tensor visual;   // [1,T,Dv]
  at::Tensor patches;  // [1,T,M,Dp], or undefined / empty when the model takes none
};

// Calls `logits_of` on copies of `inputs` that require grad, takes the gradient of
// logits[0, answer_index] with respect to them and returns |Σ_d grad·x| per step (and per
// patch). `logits_of` returns [1,C]. c10::Error passes through for the caller's boundary.
Saliency gradientTimesInput(const SaliencyInputs& inputs, const std::function<at::Tensor(const SaliencyInputs&)>& logits_of,
                            std::size_t answer_index, const std::string& answer);

}  // namespace avqa::detail
