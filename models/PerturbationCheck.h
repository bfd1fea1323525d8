#pragma once

#include <string>

#include "AskJob.h"
#include "storage/PerturbationStore.h"

namespace avqa {

// The checks of attention that need no ground truth, for one question (docs/attention-metrics.md):
//  - audio swap: asked again with the sound of `partner` (another video of the split); how far
//    the sound-guided map moves (half the L1 distance of the two normalised maps, mean over
//    the unpadded steps) and whether the answer changes;
//  - silence: the same with the model hearing silence (`silent`: the video's features with
//    an all-zero waveform through the model's own audio encoder);
//  - deletion: the k most and the k least attended patches of each step zeroed (k = M/10,
//    at least 1), then the k most and least weighted steps (k = T/5, at least 1); the fall of
//    the answer's probability for each. A faithful map loses more when its top is deleted.
// Six forwards beside the original one. `partner` may be null (a split of one video),
// `silent` too (.npy audio features: no encoder to hear silence through).
StoredPerturbation perturbQuestion(const AskJob& job, const ModelFeatures& features, const ModelFeatures* partner,
                                   const ModelFeatures* silent, const AskRequest& request, const CancelToken& cancel);

struct PerturbationOptions {
  std::string run;
  std::string videos_dir;  // empty: the project's video folders
  std::string features_dir;
  std::string question_features_dir;
  std::string feature_cache_root;  // empty: no cache
};

struct PerturbationRunResult {
  std::size_t checked = 0;
  std::size_t already_stored = 0;
};

// The checks for every question of a stored run's split, with `model` (the run's model),
// stored per question and committed per video: a stopped job resumes. The partner of a video
// is the next video of the split in name order (the last one's is the first).
PerturbationRunResult checkRunPerturbations(ProjectStore& project, AvqaModel& model, const PerturbationOptions& options,
                                            const CancelToken& cancel, const JobProgress& progress);

}  // namespace avqa
