#include "analysis/HeadTailSplit.h"

#include <unordered_map>

namespace avqa {

HeadTailSplit::HeadTailSplit(const RecordList& records, HeadTailGrouping grouping)
    : grouping_(grouping) {
  std::vector<RecordList> members;
  std::unordered_map<std::string, std::size_t> index;
  for (const QaRecord* record : records) {
    if (!record->answer) continue;
    auto [it, inserted] = index.emplace(groupOf(*record), groups_.size());
    if (inserted) {
      groups_.push_back({it->first, 0.0, {}, {}, 0, 0});
      members.emplace_back();
    }
    members[it->second].push_back(record);
  }
  for (std::size_t i = 0; i < groups_.size(); ++i) {
    HeadTailGroup& group = groups_[i];
    const std::vector<AnswerCount> counts = countAnswers(members[i]);
    std::int64_t total = 0;
    for (const AnswerCount& count : counts) total += count.count;
    group.mean_count = counts.empty() ? 0.0 : static_cast<double>(total) / static_cast<double>(counts.size());
    for (const AnswerCount& count : counts) {
      if (static_cast<double>(count.count) > kHeadFactor * group.mean_count) {
        group.head_answers.push_back(count.answer);
        group.head_n += count.count;
        head_answers_[group.group].insert(count.answer);
      } else {
        group.tail_answers.push_back(count.answer);
        group.tail_n += count.count;
      }
    }
  }
}

const std::string& HeadTailSplit::groupingName() const {
  static const std::string kModalityType = "modality+type";
  static const std::string kTemplate = "template";
  return grouping_ == HeadTailGrouping::Template ? kTemplate : kModalityType;
}

std::string HeadTailSplit::groupOf(const QaRecord& record) const {
  return grouping_ == HeadTailGrouping::Template ? record.question_content
                                                 : groupKey(record.modality, record.question_type);
}

bool HeadTailSplit::isHead(const QaRecord& record) const {
  if (!record.answer) return false;
  auto it = head_answers_.find(groupOf(record));
  return it != head_answers_.end() && it->second.count(*record.answer) > 0;
}

}  // namespace avqa
