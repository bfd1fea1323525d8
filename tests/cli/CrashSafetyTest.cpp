// Crash safety of annotation: `avqa-lens annotate` acknowledges each edit once committed;
// killed with SIGKILL mid-way, every acknowledged edit is in the reopened project and the file
// passes PRAGMA integrity_check. Two processes editing one project at once both succeed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <map>
#include <string>

#include "storage/ProjectStore.h"
#include "storage/ProjectEvidence.h"
#include "support/TempDir.h"

namespace {

constexpr auto kExisting = avqa::DbConnection::OpenMode::MustExist;

// `avqa-lens annotate PROJECT` with its standard input and output piped to us.
struct AnnotateProcess {
  pid_t pid = -1;
  FILE* to_child = nullptr;
  FILE* from_child = nullptr;

  explicit AnnotateProcess(const std::string& project) {
    int input[2], output[2];
    // Close-on-exec: a second child must not inherit this one's pipe ends (its stdin would
    // never see EOF).
    EXPECT_EQ(pipe2(input, O_CLOEXEC), 0);
    EXPECT_EQ(pipe2(output, O_CLOEXEC), 0);
    pid = fork();
    if (pid == 0) {
      dup2(input[0], STDIN_FILENO);
      dup2(output[1], STDOUT_FILENO);
      close(input[1]);
      close(output[0]);
      execl(AVQA_LENS_EXE, "avqa-lens", "annotate", project.c_str(), "--who", "crash-test", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(input[0]);
    close(output[1]);
    to_child = fdopen(input[1], "w");
    from_child = fdopen(output[0], "r");
  }
  ~AnnotateProcess() {
    if (to_child) fclose(to_child);
    if (from_child) fclose(from_child);
    if (pid > 0) waitpid(pid, nullptr, 0);
  }
  void send(const std::string& line) {
    std::fputs((line + "\n").c_str(), to_child);
    std::fflush(to_child);
  }
  bool acknowledged() {  // reads one "ok ROW" line
    char buffer[128];
    return std::fgets(buffer, sizeof buffer, from_child) && std::string(buffer).rfind("ok ", 0) == 0;
  }
  int finish() {  // closes its input and waits for its exit code
    fclose(to_child);
    to_child = nullptr;
    int status = 0;
    waitpid(pid, &status, 0);
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
};

std::vector<std::int64_t> questionRows(const std::string& project) {
  avqa::ProjectStore store(project, kExisting);
  std::vector<std::int64_t> rows;
  for (const avqa::StoredQuestion& question : store.questions(store.splits().front().id, avqa::QuestionDetail::AnalysisFields)) {
    rows.push_back(question.row);
  }
  return rows;
}

std::string noteOf(avqa::ProjectStore& store, std::int64_t row) {
  avqa::DbStatement query = store.connection().prepare("SELECT coalesce(note, '') FROM questions WHERE id = ?");
  query.bind(1, row);
  query.step();
  return query.columnText(0);
}

int editNumber(const std::string& note) { return note.empty() ? -1 : std::stoi(note.substr(note.find(' ') + 1)); }

class CrashSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    project_ = dir_.file("p.avqa");
    const std::string import = std::string(AVQA_LENS_EXE) + " import " + project_ + " --music-avqa " +
                               avqa::test::fixturePath("avqa-quirks-indent.json") + " >/dev/null";
    ASSERT_EQ(std::system(import.c_str()), 0);
    rows_ = questionRows(project_);
    ASSERT_EQ(rows_.size(), 8u);
  }
  std::string note(int edit) const { return "{\"op\": \"note\", \"row\": " + std::to_string(rows_[static_cast<std::size_t>(edit) % 4]) +
                                            ", \"note\": \"edit " + std::to_string(edit) + "\"}"; }

  avqa::test::TempDir dir_;
  std::string project_;
  std::vector<std::int64_t> rows_;
};

TEST_F(CrashSafety, EveryAcknowledgedEditSurvivesSigkill) {
  std::map<std::int64_t, int> last_acknowledged;  // row -> edit number
  {
    AnnotateProcess annotate(project_);
    for (int edit = 0; edit < 400; ++edit) {
      annotate.send(note(edit));
      if (edit < 60) {  // the first 60 are waited for; the rest are in flight when it dies
        ASSERT_TRUE(annotate.acknowledged()) << "edit " << edit;
        last_acknowledged[rows_[static_cast<std::size_t>(edit) % 4]] = edit;
      }
    }
    kill(annotate.pid, SIGKILL);
  }
  avqa::ProjectStore reopened(project_, kExisting);
  avqa::DbStatement check = reopened.connection().prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.step());
  EXPECT_EQ(check.columnText(0), "ok");
  for (const auto& [row, edit] : last_acknowledged) {
    EXPECT_GE(editNumber(noteOf(reopened, row)), edit) << "row " << row << " lost an acknowledged edit";
  }
  avqa::DbStatement history = reopened.connection().prepare("SELECT count(*) FROM question_history");
  history.step();
  EXPECT_GE(history.columnInt(0), 60);
}

// Drawn evidence is an edit like any other: acknowledged, it survives kill -9.
TEST_F(CrashSafety, AcknowledgedEvidenceSurvivesSigkill) {
  std::map<std::int64_t, int> last_acknowledged;  // row -> edit number, kept in the box's left edge
  {
    AnnotateProcess annotate(project_);
    for (int edit = 0; edit < 200; ++edit) {
      const std::int64_t row = rows_[static_cast<std::size_t>(edit) % 4];
      annotate.send("{\"op\": \"evidence\", \"row\": " + std::to_string(row) + ", \"seconds\": [" + std::to_string(edit % 10) +
                    "], \"boxes\": [[" + std::to_string(edit) + ", 0, " + std::to_string(edit + 10) + ", 10]]}");
      if (edit < 40) {
        ASSERT_TRUE(annotate.acknowledged()) << "edit " << edit;
        last_acknowledged[row] = edit;
      }
    }
    kill(annotate.pid, SIGKILL);
  }
  avqa::ProjectStore reopened(project_, kExisting);
  const auto evidence = avqa::loadProjectEvidence(reopened);
  for (const auto& [row, edit] : last_acknowledged) {
    ASSERT_EQ(evidence.count(row), 1u) << "row " << row;
    ASSERT_EQ(evidence.at(row).boxes.size(), 1u);
    EXPECT_GE(evidence.at(row).boxes.front().left(), edit) << "row " << row << " lost acknowledged evidence";
  }
}

TEST_F(CrashSafety, TwoProcessesEditingOneProjectBothSucceed) {
  AnnotateProcess notes(project_);
  AnnotateProcess answers(project_);
  for (int edit = 0; edit < 100; ++edit) {
    notes.send(note(edit));
    answers.send("{\"op\": \"answer\", \"row\": " + std::to_string(rows_[4 + static_cast<std::size_t>(edit) % 4]) +
                 ", \"answer\": \"answer " + std::to_string(edit) + "\"}");
  }
  for (int edit = 0; edit < 100; ++edit) {
    ASSERT_TRUE(notes.acknowledged()) << edit;
    ASSERT_TRUE(answers.acknowledged()) << edit;
  }
  EXPECT_EQ(notes.finish(), 0);
  EXPECT_EQ(answers.finish(), 0);
  avqa::ProjectStore reopened(project_, kExisting);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(editNumber(noteOf(reopened, rows_[static_cast<std::size_t>(i)])), 96 + i);
  const std::vector<avqa::StoredQuestion> questions =
      reopened.questions(reopened.splits().front().id, avqa::QuestionDetail::AnalysisFields);
  for (int i = 4; i < 8; ++i) EXPECT_EQ(questions[static_cast<std::size_t>(i)].record.answer, "answer " + std::to_string(92 + i));
}

TEST_F(CrashSafety, MalformedEditsAreNamedAndTheRestApplied) {
  AnnotateProcess annotate(project_);
  annotate.send("{\"op\": \"answer\", \"row\": ");
  annotate.send("{\"op\": \"flag\", \"row\": " + std::to_string(rows_[0]) + ", \"flags\": [\"blurry\"]}");
  annotate.send(note(0));
  ASSERT_TRUE(annotate.acknowledged());
  EXPECT_EQ(annotate.finish(), 1);
  avqa::ProjectStore reopened(project_, kExisting);
  EXPECT_EQ(noteOf(reopened, rows_[0]), "edit 0");
}

}  // namespace
