#pragma once

#include <optional>
#include <string>
#include <vector>

namespace avqa {

// Features of T steps read from the community's per-kind .npy folders, one row per second.
struct StepFeatures {
  std::size_t dim = 0;
  std::vector<float> values;  // [steps, dim]; zero rows for padded steps
};

struct StepPatchFeatures {
  std::size_t patches = 0;  // M
  std::size_t dim = 0;
  std::vector<float> frame;    // [steps, dim]: CLS (CLIP) or the patches' mean (ResNet)
  std::vector<float> values;   // [steps, M, dim]
  std::vector<int> grid;       // {gh, gw}
  std::string crop;            // "center-square" or "full-frame"
};

// A folder holding one sub-folder per feature kind ({root}/{kind}/{video_id}.npy). Folder
// names vary between releases; the aliases are accepted: vggish; clip-vit-b32 /
// clip_vit_b32; resnet18-14x14 / res18_14x14.
class FeatureFolder {
 public:
  explicit FeatureFolder(std::string root) : root_(std::move(root)) {}

  static bool knows(const std::string& kind);
  std::optional<std::string> folderOf(const std::string& kind) const;

  // `rows`: the .npy row of each step (i * stride), -1 for a padded step.
  StepFeatures audio(const std::string& kind, const std::string& video_id, const std::vector<int>& rows) const;
  StepPatchFeatures visual(const std::string& kind, const std::string& video_id, const std::vector<int>& rows) const;

 private:
  std::string fileOf(const std::string& kind, const std::string& video_id) const;
  std::string root_;
};

// {folder}/{question_id}.npy as a vector of `dim` values.
std::vector<float> loadQuestionFeatures(const std::string& folder, const std::string& question_id, std::size_t dim);

}  // namespace avqa
