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

// One question's entry as groundtruth.json writes it:
// {"evidence_seconds": [3, 4], "evidence_boxes": [[x0, y0, x1, y1], ...]} (pixels, integers
// when whole). An annotator's evidence is stored in the project in this form.
std::string evidenceJson(const Evidence& evidence);
// AvqaError naming `source` when the text is not such an entry.
Evidence evidenceFromJson(const std::string& text, const std::string& source);
// A groundtruth.json holding `questions` only (key -> entry), one question per line.
std::string evidenceFileText(const std::map<std::string, Evidence>& questions);

}  // namespace avqa
