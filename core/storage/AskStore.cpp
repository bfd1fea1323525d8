#include "storage/AskStore.h"

#include <filesystem>

#include "common/AvqaError.h"
#include "dataset/FlipVideo.h"
#include "common/Timestamp.h"
#include "media/VideoFiles.h"
#include "storage/ProjectPaths.h"

namespace avqa {

namespace fs = std::filesystem;

std::int64_t AskStore::add(const StoredAsk& ask) {
  DbTransaction transaction(connection_);
  connection_
      .prepare(
          "INSERT INTO asks(video_name, video_path, question, answer, model_name, model_sha256, feature_kinds, "
          "app_version, created_at, prediction_json) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, ask.video_name)
      .bind(2, ask.video_path)
      .bind(3, ask.question)
      .bind(4, ask.answer)
      .bind(5, ask.model_name)
      .bind(6, ask.model_sha256)
      .bind(7, ask.feature_kinds)
      .bind(8, std::string_view(AVQA_VERSION))
      .bind(9, utcTimestampNow())
      .bind(10, ask.prediction_json)
      .run();
  const std::int64_t id = connection_.lastInsertRowId();
  transaction.commit();
  return id;
}

std::vector<StoredAsk> AskStore::forVideo(const std::string& video_name) {
  DbStatement statement = connection_.prepare(
      "SELECT id, video_name, video_path, question, answer, model_name, model_sha256, feature_kinds, app_version, "
      "created_at, prediction_json FROM asks WHERE video_name = ? ORDER BY id");
  statement.bind(1, video_name);
  std::vector<StoredAsk> asks;
  while (statement.step()) {
    StoredAsk ask;
    ask.id = statement.columnInt(0);
    ask.video_name = statement.columnText(1);
    ask.video_path = statement.columnText(2);
    ask.question = statement.columnText(3);
    ask.answer = statement.columnText(4);
    ask.model_name = statement.columnText(5);
    ask.model_sha256 = statement.columnText(6);
    ask.feature_kinds = statement.columnText(7);
    ask.app_version = statement.columnText(8);
    ask.created_at = statement.columnText(9);
    ask.prediction_json = statement.columnText(10);
    asks.push_back(std::move(ask));
  }
  return asks;
}

std::int64_t AskStore::count() {
  DbStatement statement = connection_.prepare("SELECT count(*) FROM asks");
  return statement.step() ? statement.columnInt(0) : 0;
}

void VideoFolders::add(const std::string& folder) {
  DbTransaction transaction(connection_);
  connection_.prepare("INSERT INTO video_folders(path, added_at) VALUES(?, ?) ON CONFLICT DO NOTHING")
      .bind(1, storedFolderPath(project_path_, folder))
      .bind(2, utcTimestampNow())
      .run();
  transaction.commit();
}

VideoFolders::VideoFolders(ProjectStore& project, FolderMap map)
    : project_path_(project.path()), connection_(project.connection()), map_(std::move(map)) {}

std::vector<std::string> VideoFolders::storedPaths() {
  DbStatement statement = connection_.prepare("SELECT path FROM video_folders ORDER BY id");
  std::vector<std::string> folders;
  while (statement.step()) folders.push_back(statement.columnText(0));
  return folders;
}

std::vector<std::string> VideoFolders::absolutePaths() {
  std::vector<std::string> folders;
  for (const std::string& stored : storedPaths()) folders.push_back(absoluteFolderPath(project_path_, stored, map_));
  return folders;
}

std::string VideoFolders::findVideo(const std::string& video_id) {
  for (const std::string& id : {video_id, isFlipVideoId(video_id) ? unflippedVideoId(video_id) : std::string()}) {
    if (id.empty()) continue;
    for (const std::string& folder : absolutePaths()) {
      try {
        return findVideoFile(folder, id);
      } catch (const AvqaError&) {
        // not in this folder; try the next
      }
    }
  }
  return {};
}

bool isVirtualFlip(const std::string& video_id, const std::string& path) {
  const std::string stem = fs::path(path).stem().string();
  return isFlipVideoId(video_id) && flipVideoId(stem) == video_id;
}

}  // namespace avqa
