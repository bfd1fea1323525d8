#include "analysis/QuestionFilter.h"

#include <algorithm>
#include <cctype>

#include "dataset/QaRecord.h"

namespace avqa {
namespace {

bool containsIgnoringCase(const std::string& haystack, const std::string& lowered_needle) {
  const auto found = std::search(haystack.begin(), haystack.end(), lowered_needle.begin(), lowered_needle.end(),
                                 [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
  return found != haystack.end();
}

bool matchesLowered(const QuestionRow& row, const QuestionFilter& filter, const std::string& lowered_text) {
  if (!filter.split.empty() && row.split != filter.split) return false;
  if (!filter.template_text.empty() && row.template_text != filter.template_text) return false;
  if (!filter.answer.empty() && row.answer != filter.answer) return false;
  if (!filter.group.empty() && groupKey(row.modality, row.question_type) != filter.group) return false;
  if (filter.flagged == FlagFilter::Flagged && row.flags == 0) return false;
  if (filter.flagged == FlagFilter::Unflagged && row.flags != 0) return false;
  const std::string& model = filter.judged == AnswerSource::Run ? row.run_answer : row.asked_answer;
  switch (filter.correctness) {
    case Correctness::Any: break;
    case Correctness::Correct: if (model.empty() || model != row.answer) return false; break;
    case Correctness::Wrong: if (model.empty() || model == row.answer) return false; break;
    case Correctness::Asked: if (model.empty()) return false; break;
    case Correctness::NotAsked: if (!model.empty()) return false; break;
  }
  if (!lowered_text.empty() && !containsIgnoringCase(row.question, lowered_text) &&
      !containsIgnoringCase(row.video_id, lowered_text) && !containsIgnoringCase(row.answer, lowered_text)) {
    return false;
  }
  return true;
}

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

bool matches(const QuestionRow& row, const QuestionFilter& filter) { return matchesLowered(row, filter, lowered(filter.text)); }

std::vector<std::size_t> filterRows(const std::vector<QuestionRow>& rows, const QuestionFilter& filter) {
  const std::string text = lowered(filter.text);
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (matchesLowered(rows[i], filter, text)) kept.push_back(i);
  }
  return kept;
}

}  // namespace avqa
