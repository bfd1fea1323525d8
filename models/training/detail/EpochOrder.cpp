#include "EpochOrder.h"

#include <algorithm>

namespace avqa::training {

EpochOrder::EpochOrder(const at::Tensor& video_of_question, BatchGrouping grouping, int videos_per_share)
    : grouping_(grouping), videos_per_share_(static_cast<std::size_t>(std::max(1, videos_per_share))) {
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
  if (grouping_ == BatchGrouping::VideoShares) {
    for (std::size_t first = 0; first < groups_.size(); first += videos_per_share_) {
      const std::vector<int64_t> run = dealt(first, std::min(groups_.size(), first + videos_per_share_), rng);
      order.insert(order.end(), run.begin(), run.end());
    }
  } else {
    for (const std::vector<int64_t>& group : groups_) order.insert(order.end(), group.begin(), group.end());
  }
  return torch::tensor(order, torch::kLong);
}

std::vector<int64_t> EpochOrder::dealt(std::size_t first_group, std::size_t end_group, std::mt19937& rng) {
  // A video's questions are stored template by template; dealt unshuffled, a batch would take
  // the same templates of every video.
  std::size_t longest = 0;
  for (std::size_t g = first_group; g < end_group; ++g) {
    std::shuffle(groups_[g].begin(), groups_[g].end(), rng);
    longest = std::max(longest, groups_[g].size());
  }
  std::vector<int64_t> run;
  for (std::size_t turn = 0; turn < longest; ++turn) {
    for (std::size_t g = first_group; g < end_group; ++g) {
      if (turn < groups_[g].size()) run.push_back(groups_[g][turn]);
    }
  }
  return run;
}

}  // namespace avqa::training
