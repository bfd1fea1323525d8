#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace avqa {

// Float arrays stored by name under a key (one folder per key, one .npy per array). The key
// names what the features were computed from: video content, audio source, feature kind and
// the step plan, so a changed file or model never reads stale features.
class FeatureCache {
 public:
  explicit FeatureCache(std::string root) : root_(std::move(root)) {}

  // The user's cache folder: $AVQA_CACHE_DIR, else $XDG_CACHE_HOME/avqa-lens/features,
  // else ~/.cache/avqa-lens/features.
  static std::string defaultRoot();

  using Arrays = std::map<std::string, std::pair<std::vector<std::size_t>, std::vector<float>>>;

  std::optional<Arrays> load(const std::string& key) const;
  // A cache that cannot be written (a full disk, no permission) only costs time: nothing is
  // kept and the returned warning says why (nullopt: stored).
  std::optional<std::string> store(const std::string& key, const Arrays& arrays) const;
  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

// Writes a float32 C-order .npy file.
void writeNpy(const std::string& path, const std::vector<std::size_t>& shape, const std::vector<float>& values);

}  // namespace avqa
