#include "storage/ProjectEvidence.h"

#include <filesystem>

#include "storage/AskStore.h"

namespace avqa {

std::map<std::string, Evidence> loadProjectEvidence(ProjectStore& project) {
  std::map<std::string, Evidence> evidence;
  for (const std::string& folder : VideoFolders(project).absolutePaths()) {
    const std::filesystem::path truth = std::filesystem::path(folder).parent_path() / "groundtruth.json";
    if (!std::filesystem::is_regular_file(truth)) continue;
    try {
      evidence.merge(readEvidenceFile(truth.string()));
    } catch (const std::exception&) {
      // not a benchmark's ground truth: no evidence
    }
  }
  return evidence;
}

}  // namespace avqa
