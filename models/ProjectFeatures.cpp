#include "ProjectFeatures.h"

#include <filesystem>

#include "common/AvqaError.h"
#include "features/FeatureFolder.h"
#include "storage/FeatureFolders.h"
#include "storage/ProjectStore.h"

namespace avqa {

std::vector<std::string> npyFeatureKinds(const ModelInfo& info) {
  std::vector<std::string> kinds = {info.audio.kind, info.visual.kind};
  if (info.patches && info.patches->kind != info.visual.kind) kinds.push_back(info.patches->kind);
  return kinds;
}

std::string projectFeatureFolder(ProjectStore& project, const ModelInfo& info, const std::string& video_id) {
  FeatureFolders folders(project);
  const std::vector<std::string> kinds = npyFeatureKinds(info);
  std::string kinds_text;
  for (const std::string& kind : kinds) kinds_text += (kinds_text.empty() ? "" : ", ") + kind;
  const std::string found = folders.folderWith(kinds, video_id);
  if (!found.empty() || (info.encoders.count("audio") && info.encoders.count("visual"))) return found;
  const std::vector<std::string> roots = folders.absolutePaths();
  if (roots.empty()) {
    throw AvqaError(project.path(), "model " + info.name + " reads " + kinds_text +
                                        " features from .npy files and the project has no feature folder (File > Add feature "
                                        "folder, or --features DIR)");
  }
  // Name the first kind no folder has for this video, and every place it was looked for.
  for (const std::string& kind : kinds) {
    std::string looked;
    bool anywhere = false;
    for (const std::string& root : roots) {
      const std::optional<std::string> kind_folder = FeatureFolder(root).folderOf(kind);
      const std::string file = (kind_folder ? *kind_folder : root + "/" + kind) + "/" + video_id + ".npy";
      anywhere = anywhere || std::filesystem::is_regular_file(file);
      looked += (looked.empty() ? "" : ", ") + file;
    }
    if (!anywhere) {
      throw AvqaError(project.path(), "model " + info.name + " needs " + kind + " features for video " + video_id +
                                          ": not found (looked for " + looked + ")");
    }
  }
  throw AvqaError(project.path(), "model " + info.name + " needs " + kinds_text + " features for video " + video_id +
                                      " from one folder, but no feature folder holds all of them");
}

}  // namespace avqa
