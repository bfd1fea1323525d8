#pragma once

// Internal to avqa_models (includes torch): tensors to plain vectors at the layer boundary.

#include <ATen/ATen.h>

#include <vector>

namespace avqa::detail {

// A tensor's values as floats on the CPU, row-major.
inline std::vector<float> toFloatVector(const at::Tensor& tensor) {
  const at::Tensor flat = tensor.detach().to(at::kCPU).to(at::kFloat).contiguous().view({-1});
  return std::vector<float>(flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel());
}

}  // namespace avqa::detail
