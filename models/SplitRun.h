#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "AvqaModel.h"
#include "ModelFeatureExtractor.h"
#include "storage/ProjectStore.h"

namespace avqa {

struct SplitRunOptions {
  std::string split;
  std::string run;
  std::string model_path;    // recorded as the run's source
  std::string videos_dir;    // empty: the project's video folders
  std::string features_dir;  // per-kind .npy features; empty: the project's feature folders, else encoders
  std::string question_features_dir;  // {question_id}.npy, for models that take question features
  std::string feature_cache_root;  // where encoder features are cached; empty: no cache
  bool replace = false;      // start over instead of resuming
  // Non-empty: one of several workers sharing the run (RunClaims), named so in its provenance.
  std::string worker;
  double lease_s = 60;  // a worker's claim on a video lasts this long (another takes it after)
};

struct SplitRunResult {
  std::size_t answered = 0;        // new predictions
  std::size_t already_stored = 0;  // from an earlier, interrupted run
  std::vector<std::pair<std::string, std::int64_t>> workers;  // a shared run: each worker and its videos
};

// A model over a project's split, stored as a run with its provenance (model name and file
// hash, feature kinds, app version, time). Features once per video, one commit per video: a
// cancelled or killed run resumes where it stopped. `progress` gets ("videos", done / total).
// With `options.worker`, several processes (machines, on a server project) share the run:
// each claims videos nobody holds, and stops when every video is done.
SplitRunResult runModelOverSplit(ProjectStore& project, AvqaModel& model, const SplitRunOptions& options,
                                 const CancelToken& cancel, const JobProgress& progress);

}  // namespace avqa
