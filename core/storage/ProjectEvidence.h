#pragma once

#include <map>
#include <string>

#include "dataset/EvidenceFile.h"
#include "storage/ProjectStore.h"

namespace avqa {

// Per question_id, the evidence of the benchmark ground truth (groundtruth.json) found in
// the parent of each of the project's video folders (the synthetic benchmark's layout). An
// unreadable file is skipped: evidence helps, it is never required.
std::map<std::string, Evidence> loadProjectEvidence(ProjectStore& project);

}  // namespace avqa
