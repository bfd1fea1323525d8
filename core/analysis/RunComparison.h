#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/AccuracyTable.h"

namespace avqa {

// A question the two runs answer differently (one may have no answer).
struct Disagreement {
  std::size_t index = 0;  // into the records compared
  std::string a;          // empty: no prediction
  std::string b;
  bool a_right = false;
  bool b_right = false;
};

enum class DisagreementFilter { All, ARightBWrong, BRightAWrong, BothWrong };

// Two runs over one split: both paper tables, the per-group difference, and the questions
// where they disagree. A run compared with itself has no disagreements.
struct RunComparison {
  std::string a_name, b_name;
  AccuracyTable a, b;
  std::vector<Disagreement> disagreements;
  std::int64_t a_right_b_wrong = 0;
  std::int64_t b_right_a_wrong = 0;

  std::vector<Disagreement> filtered(DisagreementFilter filter) const;
};

RunComparison compareRuns(const RecordList& records, const std::string& a_name,
                          const std::vector<std::optional<std::string>>& a, const std::string& b_name,
                          const std::vector<std::optional<std::string>>& b);

}  // namespace avqa
