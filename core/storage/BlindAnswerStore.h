#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/ProjectStore.h"

namespace avqa {

// A question both blind annotators answered, with its template and the stored answer.
struct BlindPair {
  std::int64_t row = 0;
  std::string group;          // modality/question_type
  std::string template_text;  // unfilled
  std::string question;       // filled
  std::string first_answer, second_answer;  // in the order the annotators were assigned
  std::optional<std::string> stored_answer;
};

// A question of a split as a blind annotator sees it: neither the stored answer nor the other
// annotator's, only their own (empty until answered).
struct BlindQuestion {
  std::int64_t row = 0;
  std::string video_id;
  std::string question;  // filled
  std::string own_answer;
};

// Double annotation: a split is given to two annotators, who answer its questions without
// seeing the stored answer or each other's. Their answers are kept per annotator beside the
// stored answer; export keeps writing the stored (or adjudicated) one.
class BlindAnswerStore {
 public:
  explicit BlindAnswerStore(ProjectStore& project) : project_(project), connection_(project.connection()) {}

  // The split's two annotators, replacing an earlier pair (their answers stay).
  void assign(std::int64_t split_id, const std::string& first, const std::string& second);
  std::vector<std::string> annotators(std::int64_t split_id);  // in the order assigned; empty: none
  // Refused unless `annotator` is one of the two of the question's split.
  void setAnswer(std::int64_t row, const std::string& annotator, const std::string& answer);
  // The split's questions both annotators answered (removed ones left out), in file order.
  std::vector<BlindPair> pairs(std::int64_t split_id);
  std::int64_t answeredBy(std::int64_t split_id, const std::string& annotator);
  // The split's questions for one of its two annotators (refused for anyone else), in file order.
  std::vector<BlindQuestion> questionsFor(std::int64_t split_id, const std::string& annotator);

 private:
  ProjectStore& project_;
  DbConnection& connection_;
};

}  // namespace avqa
