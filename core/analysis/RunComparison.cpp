#include "analysis/RunComparison.h"

namespace avqa {

RunComparison compareRuns(const RecordList& records, const std::string& a_name,
                          const std::vector<std::optional<std::string>>& a, const std::string& b_name,
                          const std::vector<std::optional<std::string>>& b) {
  RunComparison comparison;
  comparison.a_name = a_name;
  comparison.b_name = b_name;
  const HeadTailSplit head_tail(records, HeadTailGrouping::ModalityType);
  comparison.a = computeAccuracyTable(records, a, head_tail);
  comparison.b = computeAccuracyTable(records, b, head_tail);
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (a[i] == b[i]) continue;
    Disagreement disagreement;
    disagreement.index = i;
    disagreement.a = a[i].value_or("");
    disagreement.b = b[i].value_or("");
    disagreement.a_right = a[i] && records[i]->answer == a[i];
    disagreement.b_right = b[i] && records[i]->answer == b[i];
    comparison.a_right_b_wrong += disagreement.a_right && !disagreement.b_right ? 1 : 0;
    comparison.b_right_a_wrong += disagreement.b_right && !disagreement.a_right ? 1 : 0;
    comparison.disagreements.push_back(std::move(disagreement));
  }
  return comparison;
}

std::vector<Disagreement> RunComparison::filtered(DisagreementFilter filter) const {
  std::vector<Disagreement> kept;
  for (const Disagreement& disagreement : disagreements) {
    const bool keep = filter == DisagreementFilter::All ||
                      (filter == DisagreementFilter::ARightBWrong && disagreement.a_right && !disagreement.b_right) ||
                      (filter == DisagreementFilter::BRightAWrong && disagreement.b_right && !disagreement.a_right) ||
                      (filter == DisagreementFilter::BothWrong && !disagreement.a_right && !disagreement.b_right);
    if (keep) kept.push_back(disagreement);
  }
  return kept;
}

}  // namespace avqa
