#pragma once

#include <optional>
#include <string>
#include <vector>

#include "AskJob.h"
#include "analysis/AccuracyTable.h"
#include "analysis/Faithfulness.h"
#include "analysis/QuestionFigures.h"

namespace avqa {

// One question of the split as answered, with its attention figures when it has evidence.
struct EvaluatedQuestion {
  std::string question_id;  // as written in the file (may be empty in v2.0 files)
  std::size_t position = 0;  // the record's position in the split's file
  std::string video_id;
  std::string answer;      // the dataset's
  std::string predicted;
  std::optional<QuestionFigures> figures;
};

struct DatasetEvaluation {
  std::string split;
  std::size_t questions = 0;
  AccuracyTable table;
  double blind_baseline_accuracy = 0.0;  // template majority fitted on the same split, percent
  AccuracyTable blind_baseline_table;     // the same baseline, per group
  std::optional<FaithfulnessReport> faithfulness;  // none without groundtruth.json
  std::string faithfulness_note;
  std::vector<std::string> warnings;
  std::vector<EvaluatedQuestion> per_question;  // in the file's order
  double features_s = 0.0;   // reading or extracting the videos' features
  double answering_s = 0.0;  // the model's forwards (batched when the model takes a batch)
};

// Runs a model over one split of a dataset folder in MUSIC-AVQA layout (videos/,
// avqa-{split}.json, optional features/ and groundtruth.json): features once per video,
// every question of the split, the paper table, the blind baseline and, when the folder has
// ground truth, attention faithfulness.
struct EvaluationSources {
  std::string features_dir;           // per-kind .npy folders; empty: DATA/features when it exists
  std::string question_features_dir;  // {question_id}.npy for models that take question features
};

DatasetEvaluation evaluateDataset(AvqaModel& model, const std::string& data_dir, const std::string& split,
                                  const CancelToken& cancel, const JobProgress& progress,
                                  const EvaluationSources& sources = EvaluationSources());

}  // namespace avqa
