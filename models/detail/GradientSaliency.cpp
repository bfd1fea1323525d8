#include "GradientSaliency.h"

#include <c10/core/InferenceMode.h>
#include <torch/autograd.h>

#include <stdexcept>

#include "TensorConversion.h"

namespace avqa::detail {
namespace {

// A new leaf over the same values (no copy: autograd only reads them).
at::Tensor leafCopy(const at::Tensor& tensor) { return tensor.detach().set_requires_grad(true); }

// |Σ over the last dimension of grad·x|, for the one batch row.
at::Tensor perRow(const at::Tensor& gradient, const at::Tensor& input) {
  if (!gradient.defined()) return at::zeros(input.sizes().slice(1, input.dim() - 2), input.options().requires_grad(false));
  return (gradient * input.detach()).sum(-1).abs()[0];
}

}  // namespace

Saliency gradientTimesInput(const SaliencyInputs& inputs, const std::function<at::Tensor(const SaliencyInputs&)>& logits_of,
                            std::size_t answer_index, const std::string& answer) {
  // Autograd needs tensors made outside inference mode, and grad mode on even if a caller
  // turned it off.
  c10::InferenceMode not_inference(false);
  at::AutoGradMode with_grad(true);
  SaliencyInputs leaves;
  leaves.audio = leafCopy(inputs.audio);
  leaves.visual = leafCopy(inputs.visual);
  const bool has_patches = inputs.patches.defined() && inputs.patches.numel() > 0;
  leaves.patches = has_patches ? leafCopy(inputs.patches) : inputs.patches;
  const at::Tensor logits = logits_of(leaves);
  if (logits.dim() != 2 || static_cast<std::size_t>(logits.size(1)) <= answer_index) {
    throw std::out_of_range("answer index " + std::to_string(answer_index) + " is outside the logits");
  }
  std::vector<at::Tensor> wrt{leaves.audio, leaves.visual};
  if (has_patches) wrt.push_back(leaves.patches);
  const std::vector<at::Tensor> gradients =
      torch::autograd::grad({logits.select(0, 0).select(0, static_cast<int64_t>(answer_index))}, wrt, {},
                            /*retain_graph=*/false, /*create_graph=*/false, /*allow_unused=*/true);
  const at::Tensor audio = perRow(gradients[0], leaves.audio);
  const at::Tensor visual = perRow(gradients[1], leaves.visual);
  at::Tensor per_step = audio + visual;
  Saliency saliency;
  saliency.answer = answer;
  saliency.audio = toFloatVector(audio);
  saliency.visual = toFloatVector(visual);
  if (has_patches) {
    const at::Tensor patches = perRow(gradients[2], leaves.patches);
    per_step = per_step + patches.sum(-1);
    saliency.patches = Matrix{static_cast<std::size_t>(patches.size(0)), static_cast<std::size_t>(patches.size(1)), toFloatVector(patches)};
  }
  const double total = per_step.sum().item<double>();
  saliency.temporal = toFloatVector(total > 0.0 ? per_step / total : per_step);
  return saliency;
}

}  // namespace avqa::detail
