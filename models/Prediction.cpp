#include "Prediction.h"

#include <algorithm>
#include <numeric>

namespace avqa {

std::vector<RankedAnswer> Prediction::top(std::size_t count) const {
  std::vector<std::size_t> order(probabilities.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return probabilities[a] > probabilities[b]; });
  std::vector<RankedAnswer> ranked;
  for (std::size_t i = 0; i < order.size() && i < count; ++i) ranked.push_back({answers[order[i]], probabilities[order[i]]});
  return ranked;
}

std::string Prediction::answer() const {
  const auto best = top(1);
  return best.empty() ? "" : best.front().answer;
}

}  // namespace avqa
