#include "ShippedModels.h"

#include <algorithm>
#include <filesystem>

namespace avqa {

std::string shippedModelsFolder(const std::string& executable_path) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path executable = fs::weakly_canonical(fs::path(executable_path), error);
  // bin/avqa-lens, lib/avqa-lens/avqa-lens-full (installed), or the source tree's weights.
  const fs::path prefix = executable.parent_path().parent_path();
  const std::vector<fs::path> candidates = {prefix / "share" / "avqa-lens" / "models",
                                            prefix.parent_path() / "share" / "avqa-lens" / "models",
                                            fs::path(AVQA_SOURCE_WEIGHTS_DIR)};
  for (const fs::path& folder : candidates) {
    if (fs::is_directory(folder, error) && fs::exists(folder / "pstp.avqamodel", error)) return folder.string();
  }
  return {};
}

std::vector<std::string> shippedModelFiles(const std::string& executable_path) {
  std::vector<std::string> files;
  const std::string folder = shippedModelsFolder(executable_path);
  if (folder.empty()) return files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() == ".avqamodel") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) {
    // The most accurate shipped model, whose band map points at the evidence most often.
    const bool a_first = a.find("avmaster") != std::string::npos, b_first = b.find("avmaster") != std::string::npos;
    return a_first != b_first ? a_first : a < b;
  });
  return files;
}

}  // namespace avqa
