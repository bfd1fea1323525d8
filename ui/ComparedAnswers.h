#pragma once

#include <optional>
#include <vector>

#include "AskWorker.h"
#include "TimelineView.h"

namespace avqa {

enum class CompareSide { A, B };

// The newest answer (A) and the one before it (B) for the open video: which one is shown,
// the timeline curves of one or both, and the step a time falls in.
class ComparedAnswers {
 public:
  void add(const AskOutcome& outcome);  // the new answer becomes A, the old A becomes B
  void clear();
  const std::optional<AskOutcome>& a() const { return a_; }
  const std::optional<AskOutcome>& b() const { return b_; }
  const AskOutcome* shown(CompareSide side) const;  // B when asked for and present, else A
  // A's focus curve (orange); with `both`, B's too (blue), each on its own model's steps.
  std::vector<TimelineCurve> curves(bool both) const;
  // The unpadded step of the shown answer that `time_s` falls in; -1 when none.
  int stepAt(CompareSide side, double time_s) const;

 private:
  std::optional<AskOutcome> a_;
  std::optional<AskOutcome> b_;
};

}  // namespace avqa
