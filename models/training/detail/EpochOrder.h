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
  // video_of_question [N] int64: each training question's video. videos_per_share: with
  // VideoShares, how many videos each run deals its questions across.
  EpochOrder(const at::Tensor& video_of_question, BatchGrouping grouping, int videos_per_share = 32);

  // The next epoch's order of the N question indices. Shuffled: the questions shuffled, the
  // same permutations std::shuffle gives a vector 0..N-1 reshuffled each epoch (what every
  // shipped model was trained with). WholeVideos: the videos shuffled, each video's questions
  // in a row, so a batch takes a few whole videos. VideoShares: the videos shuffled, each
  // run of videos_per_share of them dealt out one question of each video in turn (each
  // video's questions shuffled first), so a batch takes a few questions of many videos.
  at::Tensor next(std::mt19937& rng);

 private:
  std::vector<int64_t> dealt(std::size_t first_group, std::size_t end_group, std::mt19937& rng);

  std::vector<std::vector<int64_t>> groups_;  // one question each, or one video's questions
  BatchGrouping grouping_;
  std::size_t videos_per_share_;
};

}  // namespace avqa::training
