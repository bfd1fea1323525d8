#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dataset/QaRecord.h"
#include "storage/ProjectStore.h"

namespace avqa {

// A stored run with its split's questions and, for each, the run's answer (none: nullopt):
// what `table`, `compare` and the evaluation view compute from.
struct RunAnswers {
  RunInfo run;
  std::string split;
  std::vector<StoredQuestion> questions;
  std::vector<std::optional<std::string>> predictions;  // predictions[i] answers questions[i]

  RecordList records() const;
};

// AvqaError naming the project when it has no such run.
RunAnswers loadRunAnswers(ProjectStore& project, const std::string& run_name);

}  // namespace avqa
