#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/HeadTailSplit.h"

namespace avqa {

struct AccuracyCell {
  std::int64_t n = 0;
  std::int64_t correct = 0;
  double percent() const;  // two decimals; 0 when n == 0
};

// One column of the table every AVQA paper prints.
struct PaperColumn {
  const char* modality;
  const char* question_type;
  const char* label;  // "Count", "Comp", ...
};
const std::array<PaperColumn, 9>& paperColumns();
const std::array<const char*, 3>& paperModalities();

// Accuracy of predictions over a split: per (modality, type) group, per modality and overall
// as micro averages (over questions), on head and tail answers, and per template. A question
// without a prediction counts as wrong and is counted in `missing`.
struct AccuracyTable {
  std::map<std::string, AccuracyCell> groups;      // "Audio/Counting" -> cell
  std::map<std::string, AccuracyCell> modalities;  // "Audio" -> cell
  std::map<std::string, AccuracyCell> templates;
  AccuracyCell overall;
  AccuracyCell head;
  AccuracyCell tail;
  std::int64_t missing = 0;
};

// predictions[i] is the answer predicted for records[i] (nullopt: none).
AccuracyTable computeAccuracyTable(const RecordList& records,
                                   const std::vector<std::optional<std::string>>& predictions,
                                   const HeadTailSplit& head_tail);

}  // namespace avqa
