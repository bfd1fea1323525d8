#include "EpochOrder.h"

#include <algorithm>

namespace avqa::training {

EpochOrder::EpochOrder(const at::Tensor& video_of_question, BatchGrouping grouping) {
  const at::Tensor videos = video_of_question.to(torch::kLong).contiguous();
  const int64_t* video = videos.data_ptr<int64_t>();
  std::unordered_map<int64_t, std::size_t> group_of_video;
  for (int64_t question = 0; question < videos.size(0); ++question) {
    if (grouping == BatchGrouping::Shuffled) {
      groups_.push_back({question});
      continue;
    }
    const auto [slot, added] = group_of_video.try_emplace(video[question], groups_.size());
    if (added) groups_.emplace_back();
    groups_[slot->second].push_back(question);
  }
}

at::Tensor EpochOrder::next(std::mt19937& rng) {
  // Shuffled in place, epoch after epoch, as the plain index vector was.
  std::shuffle(groups_.begin(), groups_.end(), rng);
  std::vector<int64_t> order;
  for (const std::vector<int64_t>& group : groups_) order.insert(order.end(), group.begin(), group.end());
  return torch::tensor(order, torch::kLong);
}

}  // namespace avqa::training
