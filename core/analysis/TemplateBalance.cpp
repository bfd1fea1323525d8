#include "analysis/TemplateBalance.h"

#include <unordered_map>

namespace avqa {
namespace {

// Accumulates answer counts keeping first-appearance order.
class AnswerCounter {
 public:
  void add(const std::string& answer) {
    auto [it, inserted] = index_.emplace(answer, counts_.size());
    if (inserted) counts_.push_back({answer, 0});
    ++counts_[it->second].count;
  }
  const std::vector<AnswerCount>& counts() const { return counts_; }

 private:
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<AnswerCount> counts_;
};

}  // namespace

std::vector<AnswerCount> countAnswers(const RecordList& records) {
  AnswerCounter counter;
  for (const QaRecord* record : records) {
    if (record->answer) counter.add(*record->answer);
  }
  return counter.counts();
}

std::vector<TemplateBalance> analyzeTemplateBalance(const RecordList& records,
                                                    const BalanceThresholds& thresholds) {
  std::vector<TemplateBalance> result;
  std::vector<AnswerCounter> counters;
  std::unordered_map<std::string, std::size_t> index;
  for (const QaRecord* record : records) {
    auto [it, inserted] = index.emplace(record->question_content, result.size());
    if (inserted) {
      TemplateBalance entry;
      entry.template_text = record->question_content;
      entry.modality = record->modality;
      entry.question_type = record->question_type;
      result.push_back(std::move(entry));
      counters.emplace_back();
    }
    if (record->answer) counters[it->second].add(*record->answer);
  }
  for (std::size_t i = 0; i < result.size(); ++i) {
    TemplateBalance& entry = result[i];
    entry.answers = counters[i].counts();
    entry.binary = !entry.answers.empty();
    std::int64_t best_count = 0;
    for (const AnswerCount& answer : entry.answers) {
      entry.n += answer.count;
      if (answer.count > best_count) {  // strict: ties keep the answer seen first
        best_count = answer.count;
        entry.dominant_answer = answer.answer;
      }
      if (answer.answer != "yes" && answer.answer != "no") entry.binary = false;
    }
    entry.dominant_share =
        entry.n > 0 ? static_cast<double>(best_count) / static_cast<double>(entry.n) : 0.0;
    const double threshold = entry.binary ? thresholds.binary : thresholds.multi_class;
    entry.violates = entry.n > 0 && entry.dominant_share > threshold;
  }
  return result;
}

}  // namespace avqa
