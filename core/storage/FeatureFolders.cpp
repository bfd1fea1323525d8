#include "storage/FeatureFolders.h"

#include <filesystem>

#include "common/AvqaError.h"
#include "common/Timestamp.h"
#include "features/FeatureFolder.h"
#include "storage/ProjectPaths.h"
#include "storage/ProjectStore.h"

namespace avqa {

FeatureFolders::FeatureFolders(ProjectStore& project, FolderMap map)
    : project_path_(project.path()), connection_(project.connection()), map_(std::move(map)) {}

void FeatureFolders::add(const std::string& folder) {
  if (!std::filesystem::is_directory(folder)) throw AvqaError(folder, "is not a folder");
  const FeatureFolder features(folder);
  bool any_kind = false;
  for (const char* kind : {"vggish", "clip-vit-b32", "resnet18-14x14"}) any_kind = any_kind || features.folderOf(kind).has_value();
  if (!any_kind) {
    throw AvqaError(folder, "holds no feature folder this app reads (vggish, clip-vit-b32 or clip_vit_b32, "
                            "resnet18-14x14 or res18_14x14, each of {video_id}.npy)");
  }
  DbTransaction transaction(connection_);
  connection_.prepare("INSERT INTO feature_folders(path, added_at) VALUES(?, ?) ON CONFLICT DO NOTHING")
      .bind(1, storedFolderPath(project_path_, folder))
      .bind(2, utcTimestampNow())
      .run();
  transaction.commit();
}

std::vector<std::string> FeatureFolders::storedPaths() {
  DbStatement statement = connection_.prepare("SELECT path FROM feature_folders ORDER BY id");
  std::vector<std::string> folders;
  while (statement.step()) folders.push_back(statement.columnText(0));
  return folders;
}

std::vector<std::string> FeatureFolders::absolutePaths() {
  std::vector<std::string> folders;
  for (const std::string& stored : storedPaths()) folders.push_back(absoluteFolderPath(project_path_, stored, map_));
  return folders;
}

std::string FeatureFolders::folderWith(const std::vector<std::string>& kinds, const std::string& video_id) {
  for (const std::string& root : absolutePaths()) {
    const FeatureFolder folder(root);
    bool complete = !kinds.empty();
    for (const std::string& kind : kinds) {
      const std::optional<std::string> kind_folder = folder.folderOf(kind);
      complete = complete && kind_folder && std::filesystem::is_regular_file(*kind_folder + "/" + video_id + ".npy");
    }
    if (complete) return root;
  }
  return {};
}

}  // namespace avqa
