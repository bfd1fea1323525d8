#pragma once

#include <string>
#include <vector>

#include "predictions/PredictionFile.h"
#include "storage/ProjectStore.h"

namespace avqa {

enum class PredictionKey { QuestionId, Position };

struct PredictionMatch {
  std::vector<StoredPrediction> predictions;
  std::size_t matched_entries = 0;
  std::vector<std::string> unmatched_keys;  // keys that name no question of the split
  std::vector<std::string> repeated_ids;    // ids that apply to several records
  std::size_t records_without_prediction = 0;
};

// How many of the entries' keys name a question of `questions`.
std::size_t countMatchingKeys(const std::vector<PredictionEntry>& entries,
                              const std::vector<StoredQuestion>& questions, PredictionKey key);

// Ties each entry to the questions it names; index predictions are looked up in `answers`
// (required when predictions are integers). Throws AvqaError naming `path` and the line.
PredictionMatch matchPredictions(const std::vector<PredictionEntry>& entries,
                                 const std::vector<StoredQuestion>& questions, PredictionKey key,
                                 const AnswerList* answers, const std::string& path);

}  // namespace avqa
