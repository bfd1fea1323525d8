// The project's memory of the inspector: asks with their maps, video folders, and the
// question rows lists and tables show (with their filters).
#include <gtest/gtest.h>

#include <filesystem>

#include "analysis/QuestionFilter.h"
#include "storage/AskStore.h"
#include "storage/QuestionRows.h"
#include "support/ProjectBackends.h"

namespace avqa {
namespace {

constexpr auto kCreate = DbConnection::OpenMode::CreateIfMissing;
constexpr auto kExisting = DbConnection::OpenMode::MustExist;

StoredAsk askOf(const std::string& video, const std::string& question, const std::string& answer) {
  StoredAsk ask;
  ask.video_name = video;
  ask.video_path = "/videos/" + video + ".mp4";
  ask.question = question;
  ask.answer = answer;
  ask.model_name = "test-model";
  ask.model_sha256 = std::string(64, 'a');
  ask.feature_kinds = "audio,visual";
  ask.prediction_json = R"({"answers":["yes"]})";
  return ask;
}

// On a project file and on a server project (PostgreSQL).
class AskStorage : public test::ProjectBackendTest {};
AVQA_BOTH_BACKENDS(AskStorage);

TEST_P(AskStorage, AsksSurviveReopeningWithProvenanceInOrder) {
  const std::string path = freshProject("asks");
  {
    ProjectStore project(path, kCreate);
    AskStore asks(project);
    EXPECT_GT(asks.add(askOf("00000086", "Is it loud?", "yes")), 0);
    asks.add(askOf("00000086", "Is it quiet?", "no"));
    asks.add(askOf("00000101", "Is it loud?", "no"));
  }
  ProjectStore reopened(path, kExisting);
  AskStore asks(reopened);
  EXPECT_EQ(asks.count(), 3);
  const std::vector<StoredAsk> of_video = asks.forVideo("00000086");
  ASSERT_EQ(of_video.size(), 2u);
  EXPECT_EQ(of_video[0].question, "Is it loud?");
  EXPECT_EQ(of_video[1].answer, "no");
  EXPECT_EQ(of_video[1].model_sha256, std::string(64, 'a'));
  EXPECT_EQ(of_video[1].prediction_json, R"({"answers":["yes"]})");
  EXPECT_FALSE(of_video[1].app_version.empty());
  EXPECT_EQ(of_video[1].created_at.size(), 20u);  // 2026-11-22T03:05:11Z
  EXPECT_TRUE(asks.forVideo("nope").empty());
}

TEST(VideoFolders, FindVideosAndStayRelativeToTheProject) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.file("proj/videos"));
  std::filesystem::create_directories(dir.file("elsewhere"));
  test::writeBytes(dir.file("proj/videos/00000086.mp4"), "x");
  test::writeBytes(dir.file("elsewhere/00000101.mkv"), "x");
  {
    ProjectStore project(dir.file("proj/p.avqa"), kCreate);
    VideoFolders folders(project);
    folders.add(dir.file("proj/videos"));
    folders.add(dir.file("elsewhere"));
    folders.add(dir.file("proj/videos"));  // again: no second entry
    EXPECT_EQ(folders.absolutePaths().size(), 2u);
  }
  // Moving the project folder keeps its own videos (stored relative), not outside ones.
  std::filesystem::rename(dir.file("proj"), dir.file("moved"));
  ProjectStore moved(dir.file("moved/p.avqa"), kExisting);
  VideoFolders folders(moved);
  EXPECT_EQ(folders.findVideo("00000086"), dir.file("moved/videos/00000086.mp4"));
  EXPECT_EQ(folders.findVideo("00000101"), dir.file("elsewhere/00000101.mkv"));
  EXPECT_EQ(folders.findVideo("00000999"), "");
  // A flipped video without a file of its own plays its original, mirrored on screen.
  EXPECT_EQ(folders.findVideo("00000086_flip"), dir.file("moved/videos/00000086.mp4"));
  EXPECT_TRUE(isVirtualFlip("00000086_flip", folders.findVideo("00000086_flip")));
  EXPECT_FALSE(isVirtualFlip("00000086", folders.findVideo("00000086")));
}

TEST_P(AskStorage, QuestionRowsFillTemplatesJoinAskedAnswersAndFilter) {
  test::TempDir& dir = dir_;
  std::filesystem::create_directories(dir.file("videos"));
  test::writeBytes(dir.file("videos/00000086.mp4"), "x");
  ProjectStore project(freshProject("rows"), kCreate);
  project.importSplit("test", readMusicAvqaFile(test::fixturePath("avqa-quirks-indent.json")), ExistingPolicy::Refuse);
  project.importSplit("val", readMusicAvqaFile(test::fixturePath("quirks-oneline.json")), ExistingPolicy::Refuse);
  VideoFolders(project).add(dir.file("videos"));
  AskStore(project).add(askOf("00000086", "Is the violin in the video always playing?", "no"));

  const std::vector<QuestionRow> rows = loadQuestionRows(project);
  ASSERT_EQ(rows.size(), 14u);  // 8 + 8 records, one deleted in each
  EXPECT_EQ(rows[1].question, "Is the violin in the video always playing?");
  EXPECT_EQ(rows[1].video_path, dir.file("videos/00000086.mp4"));
  EXPECT_EQ(rows[0].video_path, "");
  EXPECT_EQ(rows[1].asked_answer, "no");
  EXPECT_EQ(rows[2].asked_answer, "no");  // the same question on the same video

  QuestionFilter filter;
  filter.split = "test";
  EXPECT_EQ(filterRows(rows, filter).size(), 7u);
  filter.correctness = Correctness::Correct;  // row 1's stored answer is "no"
  EXPECT_EQ(filterRows(rows, filter), std::vector<std::size_t>({1}));
  filter.correctness = Correctness::Wrong;
  EXPECT_EQ(filterRows(rows, filter), std::vector<std::size_t>({2}));
  filter = QuestionFilter();
  filter.group = "Audio-Visual/Counting";
  filter.text = "PIANO";
  const std::vector<std::size_t> piano = filterRows(rows, filter);
  ASSERT_FALSE(piano.empty());
  for (std::size_t i : piano) EXPECT_NE(rows[i].question.find("piano"), std::string::npos);
  filter.text = "no such words";
  EXPECT_TRUE(filterRows(rows, filter).empty());
}

}  // namespace
}  // namespace avqa
