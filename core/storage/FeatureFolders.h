#pragma once

#include <string>
#include <vector>

#include "storage/FolderMap.h"

namespace avqa {

class ProjectStore;
class DbConnection;

// Folders of released per-kind .npy features the project reads (File > Add feature folder):
// each holds {kind}/{video_id}.npy with the kind's known folder aliases (FeatureFolder).
// Stored relative to the project file when inside its folder.
class FeatureFolders {
 public:
  // `map`: where this machine keeps the stored folders (FolderMap).
  explicit FeatureFolders(ProjectStore& project, FolderMap map = FolderMap::load(FolderMap::defaultFilePath()));

  void add(const std::string& folder);  // refused (AvqaError) when it has no known kind's folder
  std::vector<std::string> storedPaths();  // as the project keeps them: the names a FolderMap maps
  std::vector<std::string> absolutePaths();
  // The first folder holding {kind}/{video_id}.npy for every one of `kinds`; empty when none.
  std::string folderWith(const std::vector<std::string>& kinds, const std::string& video_id);

 private:
  std::string project_path_;
  DbConnection& connection_;
  FolderMap map_;
};

}  // namespace avqa
