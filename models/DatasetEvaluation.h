#pragma once

#include <optional>
#include <string>
#include <vector>

#include "AskJob.h"
#include "analysis/AccuracyTable.h"
#include "analysis/Faithfulness.h"

namespace avqa {

struct DatasetEvaluation {
  std::string split;
  std::size_t questions = 0;
  AccuracyTable table;
  double blind_baseline_accuracy = 0.0;  // template majority fitted on the same split, percent
  AccuracyTable blind_baseline_table;     // the same baseline, per group
  std::optional<FaithfulnessReport> faithfulness;  // none without groundtruth.json
  std::string faithfulness_note;
  std::vector<std::string> warnings;
};

// Runs a model over one split of a dataset folder in MUSIC-AVQA layout (videos/,
// avqa-{split}.json, optional features/ and groundtruth.json): features once per video,
// every question of the split, the paper table, the blind baseline and, when the folder has
// ground truth, attention faithfulness.
DatasetEvaluation evaluateDataset(AvqaModel& model, const std::string& data_dir, const std::string& split,
                                  const CancelToken& cancel, const JobProgress& progress);

}  // namespace avqa
