#pragma once

#include <cstdint>
#include <string>

#include "annotation/AnnotationSession.h"

namespace avqa {

// One annotation edit written as a JSON line (what `avqa-lens annotate` reads):
//   {"op": "answer", "row": 12, "answer": "two"}
//   {"op": "flag", "row": 12, "flags": ["ambiguous", "wrong-answer", "needs-review"]}
//   {"op": "note", "row": 12, "note": "..."}      {"op": "remove", "row": 12}
//   {"op": "evidence", "row": 12, "seconds": [3, 4], "boxes": [[x0, y0, x1, y1]]}  (pixels; both empty: none)
//   {"op": "add", "split": "test", "video_id": "00000093", "template": "Is there a <Object> sound?",
//    "modality": "Audio", "type": "Counting", "values": ["cello"], "answer": "yes", "free_text": false}
//   {"op": "flip", "split": "test", "videos": ["00000086"]}   (mirrored QA pairs, see FlipAugmentation)
//   {"op": "undo"}   {"op": "redo"}
// Applies it (committed when this returns) and gives the question row it changed (for
// "flip": how many QA pairs it added).
// std::invalid_argument describing the problem for a malformed line.
std::int64_t applyEditLine(ProjectStore& project, AnnotationSession& session, const std::string& line);

// "ambiguous", "wrong-answer", "needs-review" <-> QuestionFlag bits.
int flagBit(const std::string& name);

}  // namespace avqa
