#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "annotation/AnnotationSession.h"
#include "dataset/EvidenceFile.h"
#include "predictions/PredictionMatcher.h"

namespace avqa {

// groundtruth.json in and out of a project's split. Real files repeat or lack question_id, so
// a file may key its questions by the record's 0-based position in the split instead
// (PredictionKey::Position, as `import-predictions --key position`).
struct EvidenceImport {
  std::int64_t stored = 0;     // questions given evidence (each an edit with its history)
  std::int64_t unmatched = 0;  // file entries no question of the split has
  std::int64_t ambiguous = 0;  // question_ids that several questions share (skipped)
};

EvidenceImport importEvidence(ProjectStore& project, AnnotationSession& session, std::int64_t split_id,
                              const std::map<std::string, Evidence>& questions, PredictionKey key);

// The split's questions that have evidence (drawn, or from the benchmark), as groundtruth.json.
std::string exportEvidence(ProjectStore& project, std::int64_t split_id, PredictionKey key);

}  // namespace avqa
