#pragma once

#include "analysis/AccuracyTable.h"
#include "analysis/RunComparison.h"
#include "storage/RunAnswers.h"

namespace avqa {

// A stored run scored the one way every view shows it: the paper table with head/tail by
// modality and type. `table`, the workspace and the evaluation view call this.
AccuracyTable scoreRun(const RunAnswers& run);

// Two stored runs compared question by question. AvqaError naming `project_path` when they
// are not over the same split (their questions would not line up).
RunComparison compareStoredRuns(const RunAnswers& a, const RunAnswers& b, const std::string& project_path);

}  // namespace avqa
