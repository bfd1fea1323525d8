#include "features/FeatureFolder.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>

#include "common/AvqaError.h"
#include "features/NpyArray.h"

namespace avqa {
namespace {

const std::map<std::string, std::vector<std::string>>& aliases() {
  static const std::map<std::string, std::vector<std::string>> kAliases = {
      {"vggish", {"vggish"}},
      {"clip-vit-b32", {"clip-vit-b32", "clip_vit_b32"}},
      {"resnet18-14x14", {"resnet18-14x14", "res18_14x14"}},
  };
  return kAliases;
}

bool isDirectory(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

int lastRow(const std::vector<int>& rows) {
  int last = -1;
  for (int row : rows) last = std::max(last, row);
  return last;
}

}  // namespace

bool FeatureFolder::knows(const std::string& kind) { return aliases().count(kind) > 0; }

std::optional<std::string> FeatureFolder::folderOf(const std::string& kind) const {
  auto found = aliases().find(kind);
  if (found == aliases().end()) return std::nullopt;
  for (const std::string& name : found->second) {
    if (isDirectory(root_ + "/" + name)) return root_ + "/" + name;
  }
  return std::nullopt;
}

std::string FeatureFolder::fileOf(const std::string& kind, const std::string& video_id) const {
  const std::optional<std::string> folder = folderOf(kind);
  if (!folder) throw AvqaError(root_, "has no folder of " + kind + " features");
  return *folder + "/" + video_id + ".npy";
}

StepFeatures FeatureFolder::audio(const std::string& kind, const std::string& video_id, const std::vector<int>& rows) const {
  if (kind != "vggish") throw AvqaError(root_, "cannot read audio features of kind " + kind);
  const std::string path = fileOf(kind, video_id);
  const NpyArray array = readNpy(path, static_cast<std::size_t>(lastRow(rows) + 1));
  requireShape(array, static_cast<std::size_t>(lastRow(rows) + 1), {128}, path);
  StepFeatures features;
  features.dim = 128;
  features.values.assign(rows.size() * features.dim, 0.0f);
  for (std::size_t step = 0; step < rows.size(); ++step) {
    if (rows[step] < 0) continue;
    std::copy_n(array.values.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(rows[step]) * features.dim),
                features.dim, features.values.begin() + static_cast<std::ptrdiff_t>(step * features.dim));
  }
  return features;
}

StepPatchFeatures FeatureFolder::visual(const std::string& kind, const std::string& video_id, const std::vector<int>& rows) const {
  const std::string path = fileOf(kind, video_id);
  const std::size_t needed = static_cast<std::size_t>(lastRow(rows) + 1);
  const NpyArray array = readNpy(path, needed);
  StepPatchFeatures features;
  features.dim = 512;
  if (kind == "clip-vit-b32") {
    requireShape(array, needed, {50, 512}, path);
    features.patches = 49;
    features.grid = {7, 7};
    features.crop = "center-square";
  } else if (kind == "resnet18-14x14") {
    requireShape(array, needed, {512, 14, 14}, path);
    features.patches = 196;
    features.grid = {14, 14};
    features.crop = "full-frame";
  } else {
    throw AvqaError(root_, "cannot read visual features of kind " + kind);
  }
  const std::size_t d = features.dim;
  const std::size_t m = features.patches;
  features.frame.assign(rows.size() * d, 0.0f);
  features.values.assign(rows.size() * m * d, 0.0f);
  for (std::size_t step = 0; step < rows.size(); ++step) {
    if (rows[step] < 0) continue;
    const float* row = array.values.data() + static_cast<std::size_t>(rows[step]) * array.rowSize();
    float* frame = features.frame.data() + step * d;
    float* patches = features.values.data() + step * m * d;
    if (kind == "clip-vit-b32") {  // row 0 is CLS, then the 7x7 patches row-major
      std::copy_n(row, d, frame);
      std::copy_n(row + d, m * d, patches);
    } else {  // [512, 14, 14] channel-first: patches become rows, their mean the frame feature
      for (std::size_t channel = 0; channel < d; ++channel) {
        double sum = 0.0;
        for (std::size_t patch = 0; patch < m; ++patch) {
          const float value = row[channel * m + patch];
          patches[patch * d + channel] = value;
          sum += value;
        }
        frame[channel] = static_cast<float>(sum / static_cast<double>(m));
      }
    }
  }
  return features;
}

std::vector<float> loadQuestionFeatures(const std::string& folder, const std::string& question_id, std::size_t dim) {
  const std::string path = folder + "/" + question_id + ".npy";
  const NpyArray array = readNpy(path);
  std::size_t total = 1;
  for (std::size_t axis : array.shape) total *= axis;
  if (total != dim) throw AvqaError(path, "has shape " + shapeText(array.shape) + ", expected " + std::to_string(dim) + " values");
  return array.values;
}

}  // namespace avqa
