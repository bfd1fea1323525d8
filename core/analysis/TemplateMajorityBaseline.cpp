#include "analysis/TemplateMajorityBaseline.h"

#include <cmath>

namespace avqa {
namespace {

std::string majorityOf(const std::vector<AnswerCount>& counts) {
  std::string best;
  std::int64_t best_count = 0;
  for (const AnswerCount& count : counts) {
    if (count.count > best_count) {
      best_count = count.count;
      best = count.answer;
    }
  }
  return best;
}

}  // namespace

double roundPercent(double percent) { return std::round(percent * 100.0) / 100.0; }

TemplateMajorityBaseline::TemplateMajorityBaseline(const RecordList& fit_records) {
  for (const TemplateBalance& entry : analyzeTemplateBalance(fit_records, BalanceThresholds{})) {
    per_template_.emplace(entry.template_text, entry.dominant_answer);
  }
  overall_majority_ = majorityOf(countAnswers(fit_records));
}

const std::string& TemplateMajorityBaseline::predict(const QaRecord& record) const {
  auto it = per_template_.find(record.question_content);
  return it != per_template_.end() && !it->second.empty() ? it->second : overall_majority_;
}

double TemplateMajorityBaseline::accuracyPercent(const RecordList& records) const {
  if (records.empty()) return 0.0;
  std::size_t correct = 0;
  for (const QaRecord* record : records) {
    if (record->answer && *record->answer == predict(*record)) ++correct;
  }
  return roundPercent(100.0 * static_cast<double>(correct) / static_cast<double>(records.size()));
}

}  // namespace avqa
