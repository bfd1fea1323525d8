#include "ModuleWeights.h"

namespace avqa::training {

void copyWeights(torch::nn::Module& from, torch::nn::Module& to) {
  torch::NoGradGuard no_grad;
  const auto source = from.named_parameters();
  for (auto& item : to.named_parameters()) item.value().copy_(source[item.key()]);
  const auto source_buffers = from.named_buffers();
  for (auto& item : to.named_buffers()) item.value().copy_(source_buffers[item.key()]);
}

std::vector<at::Tensor> snapshot(torch::nn::Module& module) {
  std::vector<at::Tensor> values;
  for (const at::Tensor& p : module.parameters()) values.push_back(p.detach().clone());
  for (const at::Tensor& b : module.buffers()) values.push_back(b.detach().clone());
  return values;
}

void restore(torch::nn::Module& module, const std::vector<at::Tensor>& values) {
  torch::NoGradGuard no_grad;
  std::size_t i = 0;
  for (at::Tensor& p : module.parameters()) p.copy_(values[i++]);
  for (at::Tensor& b : module.buffers()) b.copy_(values[i++]);
}

}  // namespace avqa::training
