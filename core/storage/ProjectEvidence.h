#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "dataset/EvidenceFile.h"
#include "storage/ProjectStore.h"

namespace avqa {

// Per question row, where its answer lies: the evidence an annotator drew (stored with the
// question), else the benchmark ground truth (groundtruth.json, keyed by question_id) found in
// the parent of one of the project's video folders (the synthetic benchmark's layout). An
// unreadable file or entry is skipped: evidence helps, it is never required.
std::unordered_map<std::int64_t, Evidence> loadProjectEvidence(ProjectStore& project);

}  // namespace avqa
