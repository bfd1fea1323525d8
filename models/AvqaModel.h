#pragma once

#include <string>

#include "ModelInfo.h"
#include "ModelInputs.h"
#include "Prediction.h"
#include "common/CancelToken.h"

namespace avqa {

// The one interface every model implements, built-in or a researcher's TorchScript file.
// predict() runs with inference mode on the model's device; errors from the model come out
// as AvqaError naming the model file and the problem.
class AvqaModel {
 public:
  virtual ~AvqaModel() = default;
  virtual const ModelInfo& info() const = 0;
  virtual std::string deviceName() const = 0;  // "cpu", "cuda:0"
  // The caller fills `steps` of the result; everything else comes from the model.
  virtual Prediction predict(const ModelInputs& inputs, const CancelToken& cancel) = 0;
  // Gradient × input of answer `answer_index`'s logit. Runs with autograd (outside inference
  // mode, the model still in eval mode), so it costs a backward pass: only when asked.
  virtual Saliency saliency(const ModelInputs& inputs, std::size_t answer_index, const CancelToken& cancel) = 0;
};

}  // namespace avqa
