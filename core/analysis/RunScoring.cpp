#include "analysis/RunScoring.h"

#include "analysis/HeadTailSplit.h"
#include "common/AvqaError.h"

namespace avqa {

AccuracyTable scoreRun(const RunAnswers& run) {
  const RecordList records = run.records();
  return computeAccuracyTable(records, run.predictions, HeadTailSplit(records, HeadTailGrouping::ModalityType));
}

RunComparison compareStoredRuns(const RunAnswers& a, const RunAnswers& b, const std::string& project_path) {
  if (a.run.split_id != b.run.split_id) {
    throw AvqaError(project_path, "runs \"" + a.run.name + "\" (split " + a.split + ") and \"" + b.run.name + "\" (split " +
                                      b.split + ") are over different splits");
  }
  return compareRuns(a.records(), a.run.name, a.predictions, b.run.name, b.predictions);
}

}  // namespace avqa
