#include "predictions/PredictionMatcher.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "common/AvqaError.h"

namespace avqa {
namespace {

using QuestionIndex = std::unordered_map<std::string, std::vector<std::size_t>>;

QuestionIndex indexQuestions(const std::vector<StoredQuestion>& questions, PredictionKey key) {
  QuestionIndex index;
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (key == PredictionKey::Position) {
      index[std::to_string(questions[i].position)].push_back(i);
    } else if (questions[i].record.question_id) {
      index[*questions[i].record.question_id].push_back(i);
    }
  }
  return index;
}

bool isIndex(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::size_t countMatchingKeys(const std::vector<PredictionEntry>& entries,
                              const std::vector<StoredQuestion>& questions, PredictionKey key) {
  const QuestionIndex index = indexQuestions(questions, key);
  return static_cast<std::size_t>(std::count_if(entries.begin(), entries.end(), [&](const PredictionEntry& entry) {
    return index.count(entry.key) > 0;
  }));
}

PredictionMatch matchPredictions(const std::vector<PredictionEntry>& entries,
                                 const std::vector<StoredQuestion>& questions, PredictionKey key,
                                 const AnswerList* answers, const std::string& path) {
  const QuestionIndex index = indexQuestions(questions, key);
  PredictionMatch match;
  std::unordered_map<std::int64_t, std::size_t> slot_of_row;  // a later entry overrides
  std::unordered_set<std::string> reported_ids;
  for (const PredictionEntry& entry : entries) {
    std::string answer = entry.prediction;
    const std::string where = entry.line > 0 ? "line " + std::to_string(entry.line) + ": " : "";
    if (answers) {
      if (isIndex(answer)) {
        std::optional<std::string> named = answers->at(std::stoul(answer));
        if (!named) {
          throw AvqaError(path, where + "answer index " + answer + " is outside the answer list (" +
                                    std::to_string(answers->answers().size()) + " answers)");
        }
        answer = *named;
      }
    } else if (isIndex(answer)) {
      throw AvqaError(path, where + "prediction \"" + answer +
                                "\" is an answer index; give the answer list with --answers");
    }
    auto found = index.find(entry.key);
    if (found == index.end()) {
      match.unmatched_keys.push_back(entry.key);
      continue;
    }
    ++match.matched_entries;
    if (found->second.size() > 1 && reported_ids.insert(entry.key).second) {
      match.repeated_ids.push_back(entry.key);  // in file order, each once
    }
    for (std::size_t question : found->second) {
      const std::int64_t row = questions[question].row;
      auto [slot, inserted] = slot_of_row.emplace(row, match.predictions.size());
      if (inserted) {
        match.predictions.push_back({row, answer});
      } else {
        match.predictions[slot->second].answer = answer;
      }
    }
  }
  match.records_without_prediction = questions.size() - match.predictions.size();
  return match;
}

}  // namespace avqa
