// A machine's folder map: the project keeps a folder's name, each machine says where its own
// copy is, and the project's folders resolve to that copy.
#include <gtest/gtest.h>

#include <filesystem>

#include "common/AvqaError.h"
#include "storage/AskStore.h"
#include "storage/FeatureFolders.h"
#include "storage/FolderMap.h"
#include "support/ProjectBackends.h"

namespace avqa {
namespace {

TEST(FolderMap, KeepsNamesAcrossSaveAndLoadAndForgetsRemovedOnes) {
  test::TempDir dir;
  const std::string file = dir.file("config/avqa-lens/folders.ini");
  EXPECT_TRUE(FolderMap::load(file).entries().empty()) << "no file yet: an empty map";
  FolderMap map;
  map.set("shared/videos", "/data/ada/videos");
  map.set("features=odd [name]", "/data/ada/feats");
  map.set("gone", "/x");
  map.set("gone", "");
  map.save(file);
  const FolderMap loaded = FolderMap::load(file);
  EXPECT_EQ(loaded.entries().size(), 2u);
  EXPECT_EQ(loaded.localPath("shared/videos"), "/data/ada/videos");
  EXPECT_EQ(loaded.localPath("features=odd [name]"), "/data/ada/feats");
  EXPECT_FALSE(loaded.localPath("gone").has_value());
  EXPECT_FALSE(std::filesystem::exists(file + ".new")) << "no staging file left";
}

TEST(FolderMap, AFileThatCannotBeWrittenIsRefusedByNameAndTheOldMapStays) {
  test::TempDir dir;
  const std::string file = dir.file("folders.ini");
  FolderMap map;
  map.set("videos", "/data/videos");
  map.save(file);
  test::writeBytes(dir.file("not-a-folder"), "x");
  const std::string impossible = dir.file("not-a-folder/folders.ini");
  try {
    map.save(impossible);
    FAIL() << "saved under a regular file";
  } catch (const AvqaError& error) {
    EXPECT_EQ(error.file(), impossible);
  }
  EXPECT_EQ(FolderMap::load(file).localPath("videos"), "/data/videos");
}

// The same stored folder resolves to each machine's own copy; unmapped ones keep the rule
// of the project (relative to its file).
TEST(FolderMap, ProjectFoldersResolveToThisMachinesCopy) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("proj/videos"));
  std::filesystem::create_directories(dir.file("proj/feats/vggish"));
  std::filesystem::create_directories(dir.file("machine-b/videos"));
  test::writeBytes(dir.file("machine-b/videos/00000086.mp4"), "x");
  const std::string path = dir.file("proj/p.avqa");
  ProjectStore project(path, DbConnection::OpenMode::CreateIfMissing);
  VideoFolders(project, FolderMap()).add(dir.file("proj/videos"));
  FeatureFolders(project, FolderMap()).add(dir.file("proj/feats"));
  EXPECT_EQ(VideoFolders(project, FolderMap()).storedPaths(), std::vector<std::string>{"videos"});
  EXPECT_EQ(VideoFolders(project, FolderMap()).findVideo("00000086"), "") << "not in the project's own folder";

  FolderMap machine_b;
  machine_b.set("videos", dir.file("machine-b/videos"));
  VideoFolders mapped(project, machine_b);
  EXPECT_EQ(mapped.absolutePaths(), std::vector<std::string>{dir.file("machine-b/videos")});
  EXPECT_EQ(mapped.findVideo("00000086"), dir.file("machine-b/videos/00000086.mp4"));
  EXPECT_EQ(FeatureFolders(project, machine_b).absolutePaths(), std::vector<std::string>{dir.file("proj/feats")}) << "not mapped";
}

}  // namespace
}  // namespace avqa
