// Evidence drawn by an annotator: stored with the question as an edit (history, undo, redo),
// read back per row, written as annotate's JSON lines, and moved in and out as
// groundtruth.json keyed by question_id or by position.
#include <gtest/gtest.h>

#include "annotation/EditScript.h"
#include "annotation/EvidenceTransfer.h"
#include "common/AvqaError.h"
#include "storage/ProjectEvidence.h"
#include "support/TempDir.h"

namespace avqa {
namespace {

using test::fixturePath;

struct Project {
  test::TempDir dir;
  ProjectStore store{dir.file("p.avqa"), DbConnection::OpenMode::CreateIfMissing};
  std::int64_t split = store.importSplit("test", readMusicAvqaFile(fixturePath("quirks-oneline.json")), ExistingPolicy::Refuse).split_id;
  std::vector<StoredQuestion> questions = store.questions(split, QuestionDetail::AnalysisFields);
};

Evidence violinEvidence() {
  Evidence evidence;
  evidence.seconds = {3, 4, 5};
  evidence.boxes = {QRectF(QPointF(12, 40), QPointF(96, 200)), QRectF(QPointF(150.5, 30), QPointF(300, 220))};
  return evidence;
}

void expectSame(const Evidence& actual, const Evidence& expected) {
  EXPECT_EQ(actual.seconds, expected.seconds);
  ASSERT_EQ(actual.boxes.size(), expected.boxes.size());
  for (std::size_t i = 0; i < expected.boxes.size(); ++i) EXPECT_EQ(actual.boxes[i], expected.boxes[i]) << i;
}

TEST(EvidenceAnnotation, DrawnEvidenceIsAnEditWithHistoryUndoAndRedo) {
  Project project;
  const std::int64_t row = project.questions[1].row;
  AnnotationSession session(project.store, "Ada");
  session.setEvidence(row, violinEvidence());
  auto evidence = loadProjectEvidence(project.store);
  ASSERT_EQ(evidence.count(row), 1u);
  expectSame(evidence.at(row), violinEvidence());
  const std::vector<HistoryEntry> history = questionHistory(project.store, row);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history.front().field, "evidence");
  EXPECT_EQ(history.front().changed_by, "Ada");
  EXPECT_EQ(history.front().new_value,
            R"({"evidence_seconds":[3,4,5],"evidence_boxes":[[12,40,96,200],[150.5,30,300,220]]})");
  EXPECT_EQ(session.undoText(), "evidence");
  session.undo();
  EXPECT_EQ(loadProjectEvidence(project.store).count(row), 0u);
  session.redo();
  expectSame(loadProjectEvidence(project.store).at(row), violinEvidence());
  session.setEvidence(row, std::nullopt);
  EXPECT_EQ(loadProjectEvidence(project.store).count(row), 0u);
}

TEST(EvidenceAnnotation, AnnotateLinesSetAndClearEvidenceAndRefuseBadBoxes) {
  Project project;
  AnnotationSession session(project.store, "cli");
  const std::int64_t row = project.questions[0].row;
  applyEditLine(project.store, session,
                R"({"op": "evidence", "row": )" + std::to_string(row) +
                    R"(, "seconds": [3, 4, 5], "boxes": [[12, 40, 96, 200], [150.5, 30, 300, 220]]})");
  expectSame(loadProjectEvidence(project.store).at(row), violinEvidence());
  EXPECT_THROW(applyEditLine(project.store, session,
                             R"({"op": "evidence", "row": )" + std::to_string(row) + R"(, "boxes": [[50, 40, 10, 200]]})"),
               std::invalid_argument);
  // Numbers no integer holds are refused, not cast (a float to int overflow is undefined).
  for (const char* line : {R"({"op": "answer", "row": 8e63, "answer": "two"})", R"({"op": "answer", "row": 1.5, "answer": "two"})",
                           R"({"op": "evidence", "row": 1, "seconds": [1e30]})", R"({"op": "answer", "row": 18446744073709551615, "answer": "x"})"}) {
    EXPECT_THROW(applyEditLine(project.store, session, line), std::invalid_argument) << line;
  }
  applyEditLine(project.store, session, R"({"op": "evidence", "row": )" + std::to_string(row) + "}");
  EXPECT_EQ(loadProjectEvidence(project.store).count(row), 0u);
}

TEST(EvidenceAnnotation, GroundTruthRoundTripsByPositionAndSkipsSharedIds) {
  Project project;
  AnnotationSession session(project.store, "import");
  // The fixture repeats question_id 28 (positions 1 and 2) and lacks it at positions 6 and 7.
  std::map<std::string, Evidence> by_id{{"12", violinEvidence()}, {"28", violinEvidence()}, {"999", violinEvidence()}};
  const EvidenceImport imported = importEvidence(project.store, session, project.split, by_id, PredictionKey::QuestionId);
  EXPECT_EQ(imported.stored, 1);
  EXPECT_EQ(imported.ambiguous, 1);
  EXPECT_EQ(imported.unmatched, 1);

  Evidence second;
  second.seconds = {0};
  std::map<std::string, Evidence> by_position{{"2", second}, {"7", violinEvidence()}};
  EXPECT_EQ(importEvidence(project.store, session, project.split, by_position, PredictionKey::Position).stored, 2);
  const std::string exported = exportEvidence(project.store, project.split, PredictionKey::Position);
  const std::string path = project.dir.file("groundtruth.json");
  test::writeBytes(path, exported);
  const std::map<std::string, Evidence> read_back = readEvidenceFile(path);
  ASSERT_EQ(read_back.size(), 3u) << exported;  // position 0 (question 12), 2 and 7
  expectSame(read_back.at("0"), violinEvidence());
  expectSame(read_back.at("2"), second);
  expectSame(read_back.at("7"), violinEvidence());
}

}  // namespace
}  // namespace avqa
