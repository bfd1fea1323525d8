#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace avqa {

// One prediction as read from another tool's output, before it is matched to questions.
struct PredictionEntry {
  std::string key;         // a question_id, or a position in the split's file
  std::string prediction;  // an answer, or an index into an answer list
  std::size_t line = 0;    // 1-based line in the file (0 for JSON maps)
};

struct PredictionColumns {
  std::size_t key = 0;
  std::optional<std::size_t> prediction;  // default: the last column
};

// Reads delimited text (tab, comma or whitespace; with or without a header line) or a JSON
// object {question_id: answer}. Throws AvqaError naming the file, and line, of a problem.
std::vector<PredictionEntry> readPredictionFile(const std::string& path,
                                                const PredictionColumns& columns);

// An answer list for index-valued predictions: a JSON list of answers, or
// {"ans2ix": {answer: index}} as in MUSIC-AVQA's answer2idx.json.
class AnswerList {
 public:
  static AnswerList read(const std::string& path);
  explicit AnswerList(std::vector<std::string> answers) : answers_(std::move(answers)) {}
  const std::vector<std::string>& answers() const { return answers_; }
  // The answer at `index`; nullopt when out of range.
  std::optional<std::string> at(std::size_t index) const;

 private:
  std::vector<std::string> answers_;
};

}  // namespace avqa
