#pragma once

#include <map>
#include <string>
#include <vector>

#include "analysis/AttentionAudit.h"

namespace avqa {

// A figure of two runs over the same questions: its mean in each, and the mean of the paired
// differences (B - A) with its 95 % interval — did the new model look better, not only
// answer better?
struct FigureDelta {
  FigureMean a, b, difference;
};

struct AuditDelta {
  std::string name;   // group, template, or "Overall"
  int questions = 0;  // answered by both runs, with figures in both
  double accuracy_a = 0.0, accuracy_b = 0.0;
  std::map<std::string, FigureDelta> figures;  // the names AuditRow uses
};

// Pairs the questions of two audits of one split by row; a figure counts where both runs
// have it for that question. Rows per group (or template), then "Overall".
std::vector<AuditDelta> compareAudits(const std::vector<AuditedQuestion>& a, const std::vector<AuditedQuestion>& b,
                                      AuditGrouping grouping, double ignored_below = kSoundIgnoredBelow);

}  // namespace avqa
