#pragma once

#include <map>
#include <string>

#include <QRectF>
#include <vector>

namespace avqa {

// Where the answer lies, from a benchmark's ground truth.
struct Evidence {
  std::vector<int> seconds;
  std::vector<QRectF> boxes;  // pixel boxes on the displayed frame; empty: no spatial evidence
};

// Per question_id, where the answer lies: the evidence seconds and pixel boxes of a
// benchmark's groundtruth.json (written by `avqa-lens synth`). AvqaError naming the file
// when it is malformed or lacks them.
std::map<std::string, Evidence> readEvidenceFile(const std::string& path);

}  // namespace avqa
