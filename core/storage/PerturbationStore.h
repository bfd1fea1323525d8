#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "storage/ProjectStore.h"

namespace avqa {

// The checks that need no ground truth, for one question of a run (nullopt: the model has
// no such map, so the check does not apply).
struct StoredPerturbation {
  std::int64_t question_row = 0;
  std::optional<double> sound_map_shift;
  bool answer_changed_by_swap = false;
  std::optional<double> silence_map_shift;         // the same with the model hearing silence
  std::optional<bool> answer_changed_by_silence;
  std::optional<double> drop_top_patches, drop_bottom_patches;
  std::optional<double> drop_top_steps, drop_bottom_steps;
};

// The perturbation checks of a project's runs (audit --perturb).
class PerturbationStore {
 public:
  explicit PerturbationStore(ProjectStore& project) : connection_(project.connection()) {}

  // One transaction per call: a stopped check resumes after the last batch stored.
  void add(std::int64_t run_id, const std::vector<StoredPerturbation>& checks);
  std::unordered_map<std::int64_t, StoredPerturbation> forRun(std::int64_t run_id);

 private:
  DbConnection& connection_;
};

}  // namespace avqa
