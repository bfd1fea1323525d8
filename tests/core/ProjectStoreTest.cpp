#include <gtest/gtest.h>
#include <sqlite3.h>

#include "common/AvqaError.h"
#include "annotation/AnnotationSession.h"
#include "storage/ProjectSchema.h"
#include "storage/ProjectStore.h"
#include "support/TempDir.h"

namespace avqa {
namespace {

using test::fixturePath;
using test::readBytes;

constexpr auto kCreate = DbConnection::OpenMode::CreateIfMissing;
constexpr auto kExisting = DbConnection::OpenMode::MustExist;

TEST(ProjectStore, ImportThenExportIsByteIdenticalAfterReopen) {
  test::TempDir dir;
  const std::string project = dir.file("p.avqa");
  for (const char* name : {"avqa-quirks-indent.json", "quirks-oneline.json"}) {
    ProjectStore(project, kCreate).importSplit(name, readMusicAvqaFile(fixturePath(name)), ExistingPolicy::Refuse);
  }
  ProjectStore reopened(project, kExisting);  // a new connection reads what was committed
  ASSERT_EQ(reopened.splits().size(), 2u);
  for (const SplitInfo& split : reopened.splits()) {
    EXPECT_EQ(split.record_count, 8);
    EXPECT_EQ(reopened.exportSplit(split.id), readBytes(fixturePath(split.name))) << split.name;
  }
}

TEST(ProjectStore, KeepsEveryRecordAndItsFields) {
  test::TempDir dir;
  ProjectStore store(dir.file("p.avqa"), kCreate);
  const auto result = store.importSplit("quirks", readMusicAvqaFile(fixturePath("avqa-quirks-indent.json")),
                                        ExistingPolicy::Refuse);
  const std::vector<StoredQuestion> questions = store.questions(result.split_id, QuestionDetail::WithRecordBytes);
  ASSERT_EQ(questions.size(), 8u);
  EXPECT_EQ(questions[1].record.question_id, questions[2].record.question_id);
  EXPECT_NE(questions[1].row, questions[2].row);  // each record has its own stable key
  EXPECT_FALSE(questions[5].record.question_id);
  EXPECT_EQ(questions[5].record.templ_values, (std::vector<std::string>{"cello", "left", "violin", "right"}));
  EXPECT_NE(questions[5].record.raw.find("\"person\": \"Jos\\u00e9 \\ud83c\\udfbb\""), std::string::npos);
}

class AnswerEdit : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

// An edit rewrites only its record, as json.dump would have written the edited data.
TEST_P(AnswerEdit, ChangesOnlyItsRecordsBytes) {
  test::TempDir dir;
  ProjectStore store(dir.file("p.avqa"), kCreate);
  const auto result = store.importSplit("s", readMusicAvqaFile(fixturePath(GetParam().first)), ExistingPolicy::Refuse);
  const auto questions = store.questions(result.split_id, QuestionDetail::AnalysisFields);
  AnnotationSession(store, "tester").setAnswer(questions[5].row, "no");
  EXPECT_EQ(ProjectStore(dir.file("p.avqa"), kExisting).exportSplit(result.split_id), readBytes(fixturePath(GetParam().second)));
  EXPECT_EQ(store.questions(result.split_id, QuestionDetail::AnalysisFields)[5].record.answer, "no");
}

INSTANTIATE_TEST_SUITE_P(BothStyles, AnswerEdit,
                         ::testing::Values(std::make_pair("avqa-quirks-indent.json", "avqa-quirks-indent.edited.json"),
                                           std::make_pair("quirks-oneline.json", "quirks-oneline.edited.json")));

TEST(ProjectStore, ExistingSplitIsRefusedUnlessReplaced) {
  test::TempDir dir;
  ProjectStore store(dir.file("p.avqa"), kCreate);
  const MusicAvqaFile file = readMusicAvqaFile(fixturePath("avqa-quirks-indent.json"));
  const auto first = store.importSplit("test", file, ExistingPolicy::Refuse);
  store.importRun({0, "run", first.split_id, "import-predictions", "", ""}, {{1, "yes"}}, ExistingPolicy::Refuse);
  EXPECT_THROW(store.importSplit("test", file, ExistingPolicy::Refuse), AvqaError);
  EXPECT_EQ(store.splits().size(), 1u);
  const auto replaced = store.importSplit("test", file, ExistingPolicy::Replace);
  EXPECT_TRUE(replaced.replaced);
  EXPECT_EQ(replaced.runs_removed, 1);
  EXPECT_TRUE(store.runs().empty());
  EXPECT_EQ(store.splits().at(0).record_count, 8);
}

TEST(ProjectStore, RefusesFilesThatAreNotProjects) {
  test::TempDir dir;
  test::writeBytes(dir.file("notes.avqa"), "these are not the droids\n");
  try {
    ProjectStore store(dir.file("notes.avqa"), kExisting);
    FAIL() << "opened a text file as a project";
  } catch (const AvqaError& error) {
    EXPECT_NE(std::string(error.what()).find("not an AVQA Lens project"), std::string::npos) << error.what();
  }
  EXPECT_EQ(readBytes(dir.file("notes.avqa")), "these are not the droids\n");  // untouched
  EXPECT_THROW(ProjectStore(dir.file("missing.avqa"), kExisting), AvqaError);
  EXPECT_THROW(ProjectStore(dir.path(), kCreate), AvqaError);
}

TEST(ProjectStore, RefusesOtherSqliteDatabasesAndNewerSchemas) {
  test::TempDir dir;
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir.file("other.db").c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_THROW(ProjectStore(dir.file("other.db"), kExisting), AvqaError);

  { ProjectStore created(dir.file("p.avqa"), kCreate); }
  ASSERT_EQ(sqlite3_open(dir.file("p.avqa").c_str(), &db), SQLITE_OK);
  const std::string bump = "PRAGMA user_version = " + std::to_string(ProjectSchema::latestVersion() + 1);
  sqlite3_exec(db, bump.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  try {
    ProjectStore newer(dir.file("p.avqa"), kExisting);
    FAIL() << "opened a newer schema";
  } catch (const AvqaError& error) {
    EXPECT_NE(std::string(error.what()).find("newer AVQA Lens"), std::string::npos) << error.what();
  }
}

TEST(ProjectStore, RunPredictionsRoundTrip) {
  test::TempDir dir;
  ProjectStore store(dir.file("p.avqa"), kCreate);
  const auto split = store.importSplit("s", readMusicAvqaFile(fixturePath("quirks-oneline.json")), ExistingPolicy::Refuse);
  const auto questions = store.questions(split.split_id, QuestionDetail::AnalysisFields);
  const std::int64_t run = store.importRun({0, "r", split.split_id, "import-predictions", "f.tsv", ""},
                                           {{questions[0].row, "one"}, {questions[3].row, "three"}},
                                           ExistingPolicy::Refuse);
  const auto predictions = store.predictions(run);
  ASSERT_EQ(predictions.size(), 2u);
  EXPECT_EQ(predictions.at(questions[3].row), "three");
  EXPECT_THROW(store.importRun({0, "r", split.split_id, "x", "", ""}, {}, ExistingPolicy::Refuse), AvqaError);
}

}  // namespace
}  // namespace avqa
