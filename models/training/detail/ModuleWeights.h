#pragma once

// Internal to avqa_models (includes torch): copying a module's weights, and keeping a copy.

#include <torch/torch.h>

#include <vector>

namespace avqa::training {

// Every parameter and buffer of `from` into the one of the same name in `to`.
void copyWeights(torch::nn::Module& from, torch::nn::Module& to);

// A copy of a module's weights (parameters, then buffers), to restore the best epoch.
std::vector<at::Tensor> snapshot(torch::nn::Module& module);
void restore(torch::nn::Module& module, const std::vector<at::Tensor>& values);

}  // namespace avqa::training
