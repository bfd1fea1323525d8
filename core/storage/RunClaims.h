#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/ProjectStore.h"

namespace avqa {

// One run's videos shared among workers (`run --worker` on several machines): a worker claims
// a video nobody holds for a lease, computes its predictions, and stores them with the video
// marked done in one transaction, if it still holds the claim. A killed worker's claim expires
// and another takes the video; the run's predictions are each stored exactly once.
class RunClaims {
 public:
  // `worker` names this worker in the run's provenance (host:pid).
  RunClaims(ProjectStore& project, std::int64_t run_id, std::string worker, double lease_s);

  // Adds the videos still to predict (those already listed stay as they are).
  void addVideos(const std::vector<std::string>& video_keys);
  // Claims the next video nobody holds, or whose holder's lease ran out; nothing when none is
  // free now (the rest are held by others, or done).
  std::optional<std::string> claimNext();
  bool allDone();
  // Stores the video's predictions and marks it done, in one transaction; false (nothing
  // stored) when another worker took it over after this worker's lease ran out.
  bool complete(const std::string& video_key, const std::vector<StoredPrediction>& predictions);
  // Each worker with the number of videos it stored, the provenance of a spread run.
  std::vector<std::pair<std::string, std::int64_t>> workers();

  static std::string videoKey(const std::string& video_id, const std::string& sound_video_id);

 private:
  ProjectStore& project_;
  DbConnection& connection_;
  std::int64_t run_id_;
  std::string worker_;
  double lease_s_;
};

}  // namespace avqa
