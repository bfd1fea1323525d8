#pragma once

// Internal to avqa_models (includes torch): the order in which an epoch visits the training
// questions, batches being consecutive runs of it.

#include <torch/torch.h>

#include <random>
#include <unordered_map>
#include <vector>

#include "training/Trainer.h"

namespace avqa::training {

class EpochOrder {
 public:
  // video_of_question [N] int64: each training question's video.
  EpochOrder(const at::Tensor& video_of_question, BatchGrouping grouping);

  // The next epoch's order of the N question indices. Shuffled: the questions shuffled, the
  // same permutations std::shuffle gives a vector 0..N-1 reshuffled each epoch (what every
  // shipped model was trained with). WholeVideos: the videos shuffled, each video's questions
  // in a row, so a batch takes a few whole videos.
  at::Tensor next(std::mt19937& rng);

 private:
  std::vector<std::vector<int64_t>> groups_;  // one question each, or one video's questions
};

}  // namespace avqa::training
