#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_set>
#include <vector>

#include "analysis/TemplateBalance.h"

namespace avqa {

enum class HeadTailGrouping { ModalityType, Template };

struct HeadTailGroup {
  std::string group;  // "Audio/Counting", or the template text
  double mean_count = 0.0;  // μ(a): mean count of the group's answers
  std::vector<std::string> head_answers;  // count > 1.2 μ(a)
  std::vector<std::string> tail_answers;
  std::int64_t head_n = 0;  // questions whose answer is a head answer
  std::int64_t tail_n = 0;
};

// MUSIC-AVQA-R's head/tail split: inside each group, an answer whose count exceeds
// 1.2 x the mean count of the group's answers is "head", every other answer "tail".
class HeadTailSplit {
 public:
  static constexpr double kHeadFactor = 1.2;

  HeadTailSplit(const RecordList& records, HeadTailGrouping grouping);

  HeadTailGrouping grouping() const { return grouping_; }
  const std::string& groupingName() const;
  const std::vector<HeadTailGroup>& groups() const { return groups_; }
  std::string groupOf(const QaRecord& record) const;
  bool isHead(const QaRecord& record) const;

 private:
  HeadTailGrouping grouping_;
  std::vector<HeadTailGroup> groups_;  // in order of first appearance
  std::map<std::string, std::unordered_set<std::string>> head_answers_;
};

}  // namespace avqa
