#pragma once

#include <string>
#include <vector>

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
  // Several questions at once (eval and run give one video's questions): one forward when
  // the model takes a batch, else predict() for each. Results in the order given.
  virtual std::vector<Prediction> predictBatch(const std::vector<const ModelInputs*>& batch, const CancelToken& cancel) {
    std::vector<Prediction> predictions;
    predictions.reserve(batch.size());
    for (const ModelInputs* inputs : batch) predictions.push_back(predict(*inputs, cancel));
    return predictions;
  }
  // Pays one-time start-up costs before the first question (TorchScript builds its execution
  // plan on the first forward). A failure here is left for the question's forward to report.
  virtual void warmUp() {}
  // Gradient × input of answer `answer_index`'s logit. Runs with autograd (outside inference
  // mode, the model still in eval mode), so it costs a backward pass: only when asked.
  virtual Saliency saliency(const ModelInputs& inputs, std::size_t answer_index, const CancelToken& cancel) = 0;
};

}  // namespace avqa
