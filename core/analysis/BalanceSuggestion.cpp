#include "analysis/BalanceSuggestion.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace avqa {
namespace {

double thresholdOf(const TemplateBalance& balance, const BalanceThresholds& thresholds) {
  return balance.binary ? thresholds.binary : thresholds.multi_class;
}

// Enough QA pairs with other answers, each new one given to the least frequent candidate.
std::vector<AnswerCount> additions(const TemplateBalance& balance, double threshold, const std::vector<std::string>& extra) {
  std::map<std::string, std::int64_t> counts;
  for (const AnswerCount& answer : balance.answers) counts[answer.answer] = answer.count;
  std::vector<std::string> candidates;
  for (const AnswerCount& answer : balance.answers) {
    if (answer.answer != balance.dominant_answer) candidates.push_back(answer.answer);
  }
  if (balance.binary) {
    for (const char* answer : {"yes", "no"}) {
      if (answer != balance.dominant_answer && std::find(candidates.begin(), candidates.end(), answer) == candidates.end()) {
        candidates.emplace_back(answer);
      }
    }
  }
  for (const std::string& answer : extra) {  // a template with too few answers borrows the catalog's
    if (answer != balance.dominant_answer && std::find(candidates.begin(), candidates.end(), answer) == candidates.end()) {
      candidates.push_back(answer);
    }
  }
  if (candidates.empty()) return {};
  std::map<std::string, std::int64_t> added;
  std::int64_t n = balance.n;
  const std::int64_t dominant = counts[balance.dominant_answer];
  const auto balanced = [&] {
    for (const auto& [answer, count] : counts) {
      if (static_cast<double>(count) > threshold * static_cast<double>(n) + 1e-9) return false;
    }
    return true;
  };
  // Bound: the dominant share alone needs n >= dominant / threshold.
  while (!balanced() && n < dominant * 1000) {
    const auto least = std::min_element(candidates.begin(), candidates.end(),
                                        [&](const std::string& a, const std::string& b) { return counts[a] < counts[b]; });
    ++counts[*least];
    ++added[*least];
    ++n;
  }
  std::vector<AnswerCount> result;
  for (const std::string& answer : candidates) {
    if (added[answer] > 0) result.push_back({answer, added[answer]});
  }
  return result;
}

}  // namespace

bool isBalanced(const std::vector<AnswerCount>& counts, double threshold) {
  std::int64_t n = 0;
  for (const AnswerCount& answer : counts) n += answer.count;
  if (n == 0) return true;
  return std::all_of(counts.begin(), counts.end(), [&](const AnswerCount& answer) {
    return static_cast<double>(answer.count) <= threshold * static_cast<double>(n) + 1e-9;
  });
}

std::string BalanceSuggestion::describe() const {
  std::string text = "add " + std::to_string(add_total) + " (";
  for (std::size_t i = 0; i < add.size(); ++i) text += (i ? ", " : "") + std::to_string(add[i].count) + " \"" + add[i].answer + "\"";
  text += ")";
  if (drop_total > 0) text += " or drop " + std::to_string(drop_total) + " \"" + drop_answer + "\"";
  return text;
}

std::vector<BalanceSuggestion> suggestBalanceFixes(const RecordList& records, const BalanceThresholds& thresholds,
                                                   const TemplateCatalog* catalog) {
  const std::vector<TemplateBalance> balances = analyzeTemplateBalance(records, thresholds);
  std::vector<std::pair<double, BalanceSuggestion>> found;
  for (std::size_t t = 0; t < balances.size(); ++t) {
    const TemplateBalance& balance = balances[t];
    if (!balance.violates) continue;
    const double threshold = thresholdOf(balance, thresholds);
    BalanceSuggestion suggestion;
    suggestion.template_text = balance.template_text;
    const QuestionTemplate* known = catalog ? catalog->find(balance.template_text) : nullptr;
    suggestion.add = additions(balance, threshold, known ? known->observed_answers : std::vector<std::string>{});
    for (const AnswerCount& answer : suggestion.add) suggestion.add_total += answer.count;
    // Dropping m dominant records: (d - m) / (n - m) <= threshold.
    std::int64_t dominant = 0;
    std::vector<AnswerCount> counts = balance.answers;
    for (const AnswerCount& answer : counts) dominant = answer.answer == balance.dominant_answer ? answer.count : dominant;
    const auto m = static_cast<std::int64_t>(
        std::ceil((static_cast<double>(dominant) - threshold * static_cast<double>(balance.n)) / (1.0 - threshold) - 1e-9));
    for (AnswerCount& answer : counts) {
      if (answer.answer == balance.dominant_answer) answer.count -= m;
    }
    if (m > 0 && m < dominant && isBalanced(counts, threshold)) {
      suggestion.drop_answer = balance.dominant_answer;
      suggestion.drop_total = m;
      for (std::size_t i = records.size(); i-- > 0 && static_cast<std::int64_t>(suggestion.drop_records.size()) < m;) {
        const QaRecord& record = *records[i];
        if (record.question_content == balance.template_text && record.answer == balance.dominant_answer) {
          suggestion.drop_records.push_back(i);
        }
      }
    }
    found.emplace_back(balance.dominant_share - threshold, std::move(suggestion));
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<BalanceSuggestion> suggestions;
  for (auto& entry : found) suggestions.push_back(std::move(entry.second));
  return suggestions;
}

}  // namespace avqa
