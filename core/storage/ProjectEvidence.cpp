#include "storage/ProjectEvidence.h"

#include <filesystem>
#include <map>

#include "storage/AskStore.h"

namespace avqa {

std::unordered_map<std::int64_t, Evidence> loadProjectEvidence(ProjectStore& project) {
  std::map<std::string, Evidence> benchmark;
  for (const std::string& folder : VideoFolders(project).absolutePaths()) {
    const std::filesystem::path truth = std::filesystem::path(folder).parent_path() / "groundtruth.json";
    if (!std::filesystem::is_regular_file(truth)) continue;
    try {
      benchmark.merge(readEvidenceFile(truth.string()));
    } catch (const std::exception&) {
      // not a benchmark's ground truth: no evidence
    }
  }
  std::unordered_map<std::int64_t, Evidence> evidence;
  DbStatement questions =
      project.connection().prepare("SELECT id, question_id, evidence FROM questions WHERE removed = 0");
  while (questions.step()) {
    const std::int64_t row = questions.columnInt(0);
    if (const std::optional<std::string> drawn = questions.columnOptional(2)) {
      try {
        evidence[row] = evidenceFromJson(*drawn, project.path());
        continue;
      } catch (const std::exception&) {  // a damaged entry: fall back to the benchmark's
      }
    }
    if (benchmark.empty() || questions.columnIsNull(1)) continue;
    if (const auto found = benchmark.find(questions.columnText(1)); found != benchmark.end()) evidence[row] = found->second;
  }
  return evidence;
}

}  // namespace avqa
