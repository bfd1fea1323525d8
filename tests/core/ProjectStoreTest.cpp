#include <gtest/gtest.h>
#include <sqlite3.h>

#include "common/AvqaError.h"
#include "annotation/AnnotationSession.h"
#include "storage/ProjectSchema.h"
#include "storage/ProjectStore.h"
#include "support/ProjectBackends.h"

namespace avqa {
namespace {

using test::fixturePath;
using test::readBytes;

constexpr auto kCreate = DbConnection::OpenMode::CreateIfMissing;
constexpr auto kExisting = DbConnection::OpenMode::MustExist;

// The storage suite: each test on a project file and on a server project (PostgreSQL).
class Storage : public test::ProjectBackendTest {};
AVQA_BOTH_BACKENDS(Storage);

TEST_P(Storage, ImportThenExportIsByteIdenticalAfterReopen) {
  const std::string project = freshProject("import");
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

TEST_P(Storage, KeepsEveryRecordAndItsFields) {
  ProjectStore store(freshProject("fields"), kCreate);
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

// An edit rewrites only its record, as json.dump would have written the edited data.
TEST_P(Storage, AnAnswerEditChangesOnlyItsRecordsBytes) {
  for (const auto& [source, edited] : {std::make_pair("avqa-quirks-indent.json", "avqa-quirks-indent.edited.json"),
                                       std::make_pair("quirks-oneline.json", "quirks-oneline.edited.json")}) {
    const std::string project = freshProject("edit");
    ProjectStore store(project, kCreate);
    const auto result = store.importSplit("s", readMusicAvqaFile(fixturePath(source)), ExistingPolicy::Refuse);
    const auto questions = store.questions(result.split_id, QuestionDetail::AnalysisFields);
    AnnotationSession(store, "tester").setAnswer(questions[5].row, "no");
    EXPECT_EQ(ProjectStore(project, kExisting).exportSplit(result.split_id), readBytes(fixturePath(edited))) << source;
    EXPECT_EQ(store.questions(result.split_id, QuestionDetail::AnalysisFields)[5].record.answer, "no");
  }
}

TEST_P(Storage, ExistingSplitIsRefusedUnlessReplaced) {
  ProjectStore store(freshProject("replace"), kCreate);
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

TEST_P(Storage, RunPredictionsRoundTrip) {
  ProjectStore store(freshProject("runs"), kCreate);
  const auto split = store.importSplit("s", readMusicAvqaFile(fixturePath("quirks-oneline.json")), ExistingPolicy::Refuse);
  const auto questions = store.questions(split.split_id, QuestionDetail::AnalysisFields);
  const std::int64_t run = store.importRun({0, "r", split.split_id, "import-predictions", "f.tsv", ""},
                                           {{questions[0].row, "one"}, {questions[3].row, "three"}},
                                           ExistingPolicy::Refuse);
  const auto predictions = store.predictions(run);
  ASSERT_EQ(predictions.size(), 2u);
  EXPECT_EQ(predictions.at(questions[3].row), "three");
  EXPECT_THROW(store.importRun({0, "r", split.split_id, "x", "", ""}, {}, ExistingPolicy::Refuse), AvqaError);

  // A model's run keeps each prediction's maps (compressed bytes), replaced when predicted again.
  const std::int64_t model_run = store.openModelRun({0, "m", split.split_id, "model", "", ""}, {"avst", std::string(64, 'b'), "audio"});
  const std::string maps = R"({"answers":["one"],"sound_map":[[0.25,0.75]]})";
  store.addPredictions(model_run, {{questions[1].row, "two", maps, 640, 360}});
  store.addPredictions(model_run, {{questions[1].row, "one", maps, 320, 180}});
  EXPECT_EQ(store.predictions(model_run).at(questions[1].row), "one");
  const auto stored = store.predictionMaps(model_run);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored.at(questions[1].row).prediction_json, maps);
  EXPECT_EQ(stored.at(questions[1].row).frame_width, 320);
  EXPECT_EQ(store.openModelRun({0, "m", split.split_id, "model", "", ""}, {"avst", std::string(64, 'b'), "audio"}), model_run);
  store.removeRun("m");
  EXPECT_TRUE(store.predictionMaps(model_run).empty());
}

}  // namespace
}  // namespace avqa
