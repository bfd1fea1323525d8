#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/FolderMap.h"
#include "storage/ProjectStore.h"

namespace avqa {

// One question asked in the inspector, as stored: the whole prediction (answer
// probabilities, steps, every attention map) as JSON, with where it came from.
struct StoredAsk {
  std::int64_t id = 0;
  std::string video_name;
  std::string video_path;
  std::string question;
  std::string answer;
  std::string model_name;
  std::string model_sha256;
  std::string feature_kinds;  // comma-separated
  std::string app_version;    // filled by add()
  std::string created_at;     // filled by add()
  std::string prediction_json;
};

// The project's ask history. Each add() is its own committed transaction.
class AskStore {
 public:
  explicit AskStore(ProjectStore& project) : connection_(project.connection()) {}

  std::int64_t add(const StoredAsk& ask);
  std::vector<StoredAsk> forVideo(const std::string& video_name);  // oldest first
  std::int64_t count();

 private:
  DbConnection& connection_;
};

// Folders the project finds its videos in (File > Add videos). Relative paths are relative
// to the project file, so a project and its videos can move together.
class VideoFolders {
 public:
  // `map`: where this machine keeps the stored folders (FolderMap).
  explicit VideoFolders(ProjectStore& project, FolderMap map = FolderMap::load(FolderMap::defaultFilePath()));

  void add(const std::string& folder);  // stored relative when under the project's folder
  std::vector<std::string> storedPaths();  // as the project keeps them: the names a FolderMap maps
  std::vector<std::string> absolutePaths();
  // The video file for a dataset video_id in one of the folders; empty when none has it.
  // "X_flip" without a file of its own is X's file, played mirrored (isVirtualFlip).
  std::string findVideo(const std::string& video_id);

 private:
  std::string project_path_;
  DbConnection& connection_;
  FolderMap map_;
};

// True when `video_id` names a mirrored video ("X_flip") but `path` is X's own file: the
// mirror exists only on screen.
bool isVirtualFlip(const std::string& video_id, const std::string& path);

}  // namespace avqa
