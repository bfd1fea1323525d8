#pragma once

#include <map>
#include <string>

#include "analysis/Faithfulness.h"

namespace avqa {

// Per question_id, where the answer lies: the evidence seconds and pixel boxes of a
// benchmark's groundtruth.json (written by `avqa-lens synth`). AvqaError naming the file
// when it is malformed or lacks them.
std::map<std::string, Evidence> readEvidenceFile(const std::string& path);

}  // namespace avqa
