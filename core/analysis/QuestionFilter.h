#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "storage/QuestionRows.h"

namespace avqa {

enum class Correctness { Any, Correct, Wrong, Asked, NotAsked };
enum class FlagFilter { Any, Flagged, Unflagged };
enum class AnswerSource { Inspector, Run };  // which model answer correctness is judged on

// What a question list shows; empty fields match everything.
struct QuestionFilter {
  std::string split;
  std::string group;  // "Audio-Visual/Temporal" (groupKey)
  std::string template_text;
  std::string answer;
  Correctness correctness = Correctness::Any;
  AnswerSource judged = AnswerSource::Inspector;  // `asked_answer`, or the chosen run's `run_answer`
  FlagFilter flagged = FlagFilter::Any;
  std::string text;  // case-insensitive, in the question, video id or answer
};

bool matches(const QuestionRow& row, const QuestionFilter& filter);
// Indexes into `rows` of the rows that match, in order.
std::vector<std::size_t> filterRows(const std::vector<QuestionRow>& rows, const QuestionFilter& filter);

}  // namespace avqa
