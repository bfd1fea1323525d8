#pragma once

// Internal to avqa_models (includes torch): encoded training features kept on disk per
// frozen encoder pair, so every head trained on the same encoders decodes and encodes a
// dataset's videos once (the slow part with thousands of videos).

#include <optional>
#include <string>
#include <vector>

#include "EncoderTraining.h"

namespace avqa::training {

class FeatureCache {
 public:
  // `folder`: where cache files live; `encoders_key`: what identifies the encoder weights
  // and sizes (a hash); `data_dir` and `max_videos`: which videos.
  FeatureCache(const std::string& folder, const std::string& encoders_key, const std::string& data_dir, int max_videos);

  const std::string& path() const { return path_; }
  // The cached features when the file holds exactly these videos in this order; none when
  // absent, unreadable or of other videos (then they are encoded again and saved over it).
  std::optional<EncodedVideos> load(const std::vector<std::string>& ids) const;
  void save(const std::vector<std::string>& ids, const EncodedVideos& features) const;

 private:
  std::string path_;
};

}  // namespace avqa::training
