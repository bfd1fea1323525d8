#pragma once

// Internal to avqa_models (includes torch): one optimizer step of a head over a batch of
// training questions, on the calling thread or split across several.

#include <torch/torch.h>

#include <memory>
#include <optional>
#include <vector>

#include "GroundingLoss.h"
#include "HeadFeatures.h"

namespace avqa::training {

struct HeadLossWeights {
  double aux = 0.2;             // the architecture's own extra loss
  double grounding = 0.0;       // spatial maps toward the encoders' labels
  double time_grounding = 0.0;  // the temporal curve toward the sounding seconds
  TimeTarget time_target = TimeTarget::SoundingSteps;
  UnnamedQuestionTarget unnamed_target = UnnamedQuestionTarget::None;
};

class HeadStepper {
 public:
  // workers 1: each step is the whole batch on the calling thread with its torch threads,
  // dropout from torch's default generator (what every model trained so far used).
  // workers N > 1: each batch is split into N parts, each part's forward and backward on its
  // own thread over its own copy of the head, one core each, and the parts' gradients summed
  // in a fixed order (the in-batch auxiliary losses pair within a part). A head's batch is too small for torch's and OpenBLAS's own thread pools:
  // their second thread mostly waited (a second core bought an AV-Master epoch 3 %). Each
  // worker draws dropout from its own generator, so a run is deterministic for a seed and N.
  HeadStepper(builtin::HeadNet& head, const BuiltinConfig& config, const HeadFeatures& features, const QuestionSet& train,
              const EncoderLabels* labels, HeadLossWeights weights, int workers, unsigned seed,
              BatchGrouping grouping = BatchGrouping::Shuffled);
  ~HeadStepper();
  HeadStepper(const HeadStepper&) = delete;
  HeadStepper& operator=(const HeadStepper&) = delete;

  // `index` picks the batch's training questions. The batch's loss when the step was applied; nullopt when its loss or gradient was not
  // finite: such a step is skipped, not applied (one such update leaves every weight NaN and
  // the rest of the run answers nothing; an AV-Master run of 22 epochs did that at epoch 7).
  std::optional<double> step(const at::Tensor& index, torch::optim::Optimizer& optimizer);

  // The share of `questions` the head answers right, percent, in eval mode; the workers take
  // turns over its chunks. Leaves the head in eval mode.
  double accuracyPercent(const QuestionSet& questions);

 private:
  double partLoss(builtin::HeadNet& head, const at::Tensor& index, double share, const c10::optional<at::Generator>& generator);

  builtin::HeadNet& head_;
  const HeadFeatures& features_;
  const QuestionSet& train_;
  const EncoderLabels* labels_;
  HeadLossWeights weights_;
  // WholeVideos, VideoShares: each part hands the head its distinct videos once, with each question's index
  // among them (HeadInputs::video_of_question).
  BatchGrouping grouping_;
  std::vector<std::shared_ptr<builtin::HeadNet>> replicas_;  // workers 2..N
  std::vector<at::Generator> generators_;                    // one per worker, when N > 1
  int saved_threads_ = 0;  // the calling thread's torch (and OpenBLAS) threads, given back at the end
};

}  // namespace avqa::training
