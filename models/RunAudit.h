#pragma once

#include <string>
#include <vector>

#include "analysis/AttentionAudit.h"
#include "storage/RunAnswers.h"

namespace avqa {

// A stored run's attention, question by question, from the maps stored with its predictions
// and the project's evidence: what `avqa-lens audit` prints and the workspace shows.
struct RunAudit {
  RunInfo run;
  std::string split;
  std::vector<AuditedQuestion> questions;  // every question of the split, in file order
  std::size_t with_figures = 0;
  std::size_t without_maps = 0;      // a prediction without stored maps (imported runs, older projects)
  std::size_t without_evidence = 0;  // a question the project has no evidence for
};

// `ground_truth_path`: a groundtruth.json to take the evidence from; empty: the one beside
// each of the project's video folders. AvqaError naming the project when it has no such run
// or a stored map is damaged, and naming the file when the ground truth is malformed.
RunAudit auditRun(ProjectStore& project, const std::string& run_name, const std::string& ground_truth_path = std::string());

}  // namespace avqa
