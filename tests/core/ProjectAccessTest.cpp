// Read-only projects and damaged ones: reading works and writes are refused with a reason;
// `check` finds damage and saves every row that can still be read.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "annotation/AnnotationSession.h"
#include "common/AvqaError.h"
#include "storage/ProjectCheck.h"
#include "storage/ProjectStore.h"
#include "support/TempDir.h"

namespace avqa {
namespace {

using test::fixturePath;

constexpr auto kCreate = DbConnection::OpenMode::CreateIfMissing;
constexpr auto kExisting = DbConnection::OpenMode::MustExist;
constexpr auto kReadOnly = DbConnection::OpenMode::ReadOnly;

std::string errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const AvqaError& error) {
    return error.what();
  }
  return "";
}

// `count` records of one template, spread over 50 videos: enough rows for many pages.
MusicAvqaFile manyRecords(int count) {
  std::string text = "[";
  for (int i = 0; i < count; ++i) {
    text += std::string(i ? ", " : "") + R"({"video_id": ")" + std::to_string(10000000 + i % 50) +
            R"(", "question_id": )" + std::to_string(i) +
            R"(, "type": "[\"Audio\", \"Counting\"]", "question_content": "How many musical instruments were heard throughout the video?", "templ_values": "[]", "question_deleted": 0, "anser": ")" +
            (i % 3 ? "two" : "one") + R"("})";
  }
  return parseMusicAvqaText(text + "]", "many.json");
}

TEST(ProjectAccess, ReadOnlyOpenReadsEverythingAndRefusesEditsNamingWhy) {
  test::TempDir dir;
  const std::string path = dir.file("p.avqa");
  std::int64_t split_id = 0;
  {
    ProjectStore store(path, kCreate);
    split_id = store.importSplit("test", readMusicAvqaFile(fixturePath("quirks-oneline.json")), ExistingPolicy::Refuse).split_id;
  }
  ProjectStore read_only(path, kReadOnly);
  EXPECT_EQ(read_only.access(), DbConnection::Access::ReadOnly);
  EXPECT_EQ(read_only.questions(split_id, QuestionDetail::WithRecordBytes).size(), 8u);
  const std::int64_t row = read_only.questions(split_id, QuestionDetail::AnalysisFields).front().row;
  AnnotationSession session(read_only, "someone");
  const std::string message = errorOf([&] { session.setAnswer(row, "three"); });
  EXPECT_NE(message.find(path + ": is read-only (opened read-only): the change was not stored"), std::string::npos) << message;
  EXPECT_NE(errorOf([&] { read_only.importSplit("other", readMusicAvqaFile(fixturePath("quirks-oneline.json")), ExistingPolicy::Refuse); })
                .find("is read-only"),
            std::string::npos);
  EXPECT_EQ(ProjectStore(path, kExisting).questions(split_id, QuestionDetail::AnalysisFields).front().record.answer,
            read_only.questions(split_id, QuestionDetail::AnalysisFields).front().record.answer);
}

TEST(ProjectAccess, ReadOnlyOpenSeesWritesStillInTheWriteAheadLog) {
  test::TempDir dir;
  const std::string path = dir.file("p.avqa");
  ProjectStore writer(path, kCreate);  // stays open: its commits sit in p.avqa-wal
  const std::int64_t split_id =
      writer.importSplit("test", readMusicAvqaFile(fixturePath("quirks-oneline.json")), ExistingPolicy::Refuse).split_id;
  const std::int64_t row = writer.questions(split_id, QuestionDetail::AnalysisFields).front().row;
  AnnotationSession(writer, "annotator").setAnswer(row, "seven");
  ProjectStore reader(path, kReadOnly);
  EXPECT_EQ(reader.questions(split_id, QuestionDetail::AnalysisFields).front().record.answer, "seven");
}

TEST(ProjectAccess, AnIntactProjectChecksOk) {
  test::TempDir dir;
  const std::string path = dir.file("p.avqa");
  ProjectStore(path, kCreate).importSplit("test", readMusicAvqaFile(fixturePath("quirks-oneline.json")), ExistingPolicy::Refuse);
  const ProjectCheckReport report = checkProject(path, dir.file("r.avqa"));
  EXPECT_EQ(report.state, ProjectCheckReport::State::Intact);
  EXPECT_TRUE(report.problems.empty());
  EXPECT_FALSE(std::ifstream(dir.file("r.avqa")).good()) << "no copy of an intact project";
}

TEST(ProjectAccess, CheckSavesTheReadableRowsOfADamagedProject) {
  test::TempDir dir;
  const std::string path = dir.file("p.avqa");
  constexpr int kRecords = 10000;
  ProjectStore(path, kCreate).importSplit("big", manyRecords(kRecords), ExistingPolicy::Refuse);
  {
    // Garbage over the next-to-last 64 KiB page: the questions' leaf pages are written last.
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekg(0, std::ios::end);
    const std::streamoff size = file.tellg();
    ASSERT_GT(size, 8 * 65536) << "the test needs a project of several pages";
    file.seekp(size - 2 * 65536);
    const std::string garbage(65536, '\x5A');
    file.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  const std::string recovered = dir.file("p.recovered.avqa");
  const ProjectCheckReport report = checkProject(path, recovered);
  ASSERT_EQ(report.state, ProjectCheckReport::State::Damaged);
  EXPECT_FALSE(report.problems.empty());
  std::int64_t questions = -1;
  for (const auto& table : report.recovered) {
    if (table.table == "questions") questions = table.recovered;
  }
  EXPECT_GT(questions, kRecords / 4) << "most questions lie on undamaged pages";
  EXPECT_LT(questions, kRecords) << "the damaged page's questions cannot be read";
  ProjectStore copy(recovered, kExisting);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(recovered.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* check = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &check, nullptr);
  ASSERT_EQ(sqlite3_step(check), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(check, 0)), "ok");
  sqlite3_finalize(check);
  sqlite3_close(db);
  ASSERT_EQ(copy.splits().size(), 1u);
  EXPECT_EQ(static_cast<std::int64_t>(copy.questions(copy.splits().front().id, QuestionDetail::AnalysisFields).size()), questions);
  EXPECT_NE(errorOf([&] { checkProject(path, recovered); }).find("exists already"), std::string::npos);
}

}  // namespace
}  // namespace avqa
