#pragma once

#include <optional>
#include <vector>

#include "AskOutcome.h"
#include "FocusCurve.h"
#include "StepHeatmap.h"

namespace avqa {

enum class CompareSide { A, B };

// The newest answer (A) and the one before it (B) for the open video, and the timeline
// curves of one or both, each named by its model and question.
class ComparedAnswers {
 public:
  void add(const AskOutcome& outcome);  // the new answer becomes A, the old A becomes B
  void clear();
  const std::optional<AskOutcome>& a() const { return a_; }
  const std::optional<AskOutcome>& b() const { return b_; }
  const AskOutcome* shown(CompareSide side) const;  // B when asked for and present, else A
  // A's focus curve (orange); with `both`, B's too (blue), each on its own model's steps.
  std::vector<FocusCurve> curves(bool both, HeatmapKind kind) const;

 private:
  std::optional<AskOutcome> a_;
  std::optional<AskOutcome> b_;
};

}  // namespace avqa
