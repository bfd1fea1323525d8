// Annotation edits: each committed with history; undo and redo restore exact prior states
// (a property test over random edit sequences).
#include <gtest/gtest.h>

#include <random>

#include "annotation/AnnotationSession.h"
#include "analysis/AnnotatorAgreement.h"
#include "annotation/FlipAugmentation.h"
#include "common/AvqaError.h"
#include "storage/BlindAnswerStore.h"
#include <map>
#include "dataset/MusicAvqaFile.h"
#include "support/ProjectBackends.h"

namespace avqa {
namespace {

constexpr auto kCreate = DbConnection::OpenMode::CreateIfMissing;
constexpr auto kExisting = DbConnection::OpenMode::MustExist;

// Everything an edit may change: the exported file and every question row's state.
struct Snapshot {
  std::string exported;
  std::vector<std::pair<std::int64_t, QuestionState>> rows;
  bool operator==(const Snapshot& other) const { return exported == other.exported && rows == other.rows; }
};

Snapshot snapshot(ProjectStore& project, AnnotationSession& session, std::int64_t split_id) {
  Snapshot shot;
  shot.exported = project.exportSplit(split_id);
  DbStatement rows = project.connection().prepare("SELECT id FROM questions ORDER BY id");
  std::vector<std::int64_t> ids;
  while (rows.step()) ids.push_back(rows.columnInt(0));
  for (std::int64_t id : ids) shot.rows.emplace_back(id, session.stateOf(id));
  return shot;
}

std::int64_t historyCount(ProjectStore& project) {
  DbStatement count = project.connection().prepare("SELECT count(*) FROM question_history");
  count.step();
  return count.columnInt(0);
}

// On a project file and on a server project (PostgreSQL).
class AnnotationStorage : public test::ProjectBackendTest {};
AVQA_BOTH_BACKENDS(AnnotationStorage);

TEST_P(AnnotationStorage, EditsAreCommittedWithHistoryAndExportedInTheFilesStyle) {
  const std::string path = freshProject("history");
  std::int64_t added_row = 0;
  {
    ProjectStore project(path, kCreate);
    const std::int64_t split = project.importSplit("test", readMusicAvqaFile(test::fixturePath("avqa-quirks-indent.json")),
                                                   ExistingPolicy::Refuse).split_id;
    const std::vector<StoredQuestion> before = project.questions(split, QuestionDetail::AnalysisFields);
    AnnotationSession session(project, "tester");
    session.setAnswer(before[0].row, "two");
    session.setFlags(before[1].row, kFlagAmbiguous | kFlagNeedsReview);
    session.setNote(before[1].row, "the violin is hidden at 0:04");
    session.remove(before[2].row);
    NewQuestion question;
    question.video_id = "00000093";
    question.template_text = "Is there a <Object> sound?";
    question.modality = "Audio";
    question.question_type = "Counting";
    question.values = {"cello"};
    question.answer = "yes";
    added_row = session.addQuestion(split, question);
    EXPECT_EQ(historyCount(project), 5);
    EXPECT_EQ(session.undoText(), "new question");
  }
  // Without the session (as after a crash), everything is there.
  ProjectStore project(path, kExisting);
  const std::int64_t split = project.splits().front().id;
  const std::vector<StoredQuestion> after = project.questions(split, QuestionDetail::AnalysisFields);
  ASSERT_EQ(after.size(), 8u);  // 8 - 1 removed + 1 added
  EXPECT_EQ(after[0].record.answer, "two");
  EXPECT_EQ(after[1].flags, kFlagAmbiguous | kFlagNeedsReview);
  EXPECT_EQ(after[1].note, "the violin is hidden at 0:04");
  EXPECT_EQ(after.back().row, added_row);
  EXPECT_EQ(after.back().record.templ_values, std::vector<std::string>{"cello"});
  const MusicAvqaFile exported = parseMusicAvqaText(project.exportSplit(split), "exported");
  ASSERT_EQ(exported.records.size(), 8u);
  EXPECT_EQ(exported.records[0].answer, "two");
  EXPECT_EQ(exported.records.back().question_content, "Is there a <Object> sound?");
  EXPECT_EQ(exported.records.back().answer, "yes");
  EXPECT_NE(exported.records.back().question_id, std::nullopt);
  DbStatement who = project.connection().prepare("SELECT DISTINCT changed_by FROM question_history");
  ASSERT_TRUE(who.step());
  // On a server the database role is recorded too.
  EXPECT_EQ(who.columnText(0), GetParam() == test::StorageBackend::File ? "tester" : "tester (avqa_test)");
}

TEST_P(AnnotationStorage, UndoAndRedoRestoreExactStatesOverRandomEditSequences) {
  const std::vector<std::string> answers = {"yes", "no", "two", "left", "guzheng", "zero"};
  for (unsigned seed = 1; seed <= 12; ++seed) {
    ProjectStore project(freshProject("undo"), kCreate);
    const std::int64_t split = project.importSplit("test", readMusicAvqaFile(test::fixturePath("avqa-quirks-indent.json")),
                                                   ExistingPolicy::Refuse).split_id;
    AnnotationSession session(project, "tester");
    std::mt19937 random(seed);
    const auto pick = [&random](std::size_t n) { return static_cast<std::size_t>(random() % n); };
    std::vector<Snapshot> states = {snapshot(project, session, split)};  // states[k]: after k edits
    std::size_t at = 0;
    for (int step = 0; step < 60; ++step) {
      const std::vector<StoredQuestion> shown = project.questions(split, QuestionDetail::AnalysisFields);
      const std::int64_t row = shown.empty() ? 0 : shown[pick(shown.size())].row;
      const std::size_t op = pick(9);
      if (op == 6 && session.canUndo()) {
        session.undo();
        --at;
        ASSERT_EQ(snapshot(project, session, split), states[at]) << "seed " << seed << " step " << step << " undo";
        continue;
      }
      if (op == 7 && session.canRedo()) {
        session.redo();
        ++at;
        ASSERT_EQ(snapshot(project, session, split), states[at]) << "seed " << seed << " step " << step << " redo";
        continue;
      }
      if (op == 8) {  // a group: one undo step for every mirrored QA pair
        const std::string video = shown.empty() ? "00000101" : shown[pick(shown.size())].record.video_id;
        if (addFlippedQuestions(project, session, split, {video}) == 0) continue;
      } else if (row == 0 || op == 5) {
        NewQuestion question{"0000010" + std::to_string(pick(3)), "Is there a <Object> sound?", "Audio", "Counting",
                             {answers[pick(answers.size())]}, answers[pick(2)], pick(4) == 0};
        session.addQuestion(split, question);
      } else if (op <= 1) {
        session.setAnswer(row, answers[pick(answers.size())]);
      } else if (op == 2) {
        session.remove(row);
      } else if (op == 3) {
        session.setFlags(row, static_cast<int>(pick(8)));
      } else {
        session.setNote(row, pick(3) == 0 ? std::string() : "note " + std::to_string(step));
      }
      states.resize(at + 1);  // a new edit drops what could have been redone
      states.push_back(snapshot(project, session, split));
      ++at;
      ASSERT_FALSE(session.canRedo());
    }
    while (session.canUndo()) session.undo();  // all the way back: the imported file, byte for byte
    EXPECT_EQ(snapshot(project, session, split), states.front()) << "seed " << seed;
    EXPECT_EQ(project.exportSplit(split), test::readBytes(test::fixturePath("avqa-quirks-indent.json")));
    while (session.canRedo()) session.redo();
    EXPECT_EQ(snapshot(project, session, split), states.back()) << "seed " << seed;
  }
}


TEST_P(AnnotationStorage, FlippedVideosMirrorSidesInValuesAndAnswersOnlyWhereTheyAre) {
  ProjectStore project(freshProject("flip"), kCreate);
  const std::int64_t split = project.importSplit("test", readMusicAvqaFile(test::fixturePath("avqa-quirks-indent.json")),
                                                 ExistingPolicy::Refuse).split_id;
  AnnotationSession session(project, "tester");
  NewQuestion where{"00000093", "Where is the <FL> sounding instrument?", "Audio-Visual", "Temporal", {"first"}, "left", false};
  session.addQuestion(split, where);
  // 00000101 has a "leftest" value, 00000093 now a "left" answer; 00000086's questions hold no side.
  const std::int64_t added = addFlippedQuestions(project, session, split, {"00000093", "00000101", "00000086"});
  EXPECT_EQ(added, 2);  // the "where" question and the leftest one; counting and existence hold no side
  const std::vector<StoredQuestion> all = project.questions(split, QuestionDetail::AnalysisFields);
  std::map<std::string, const StoredQuestion*> by_template;
  for (const StoredQuestion& question : all) {
    if (question.record.video_id.size() > 5 && question.record.video_id.substr(question.record.video_id.size() - 5) == "_flip") {
      by_template[question.record.question_content] = &question;
    }
  }
  const StoredQuestion* flipped_where = by_template.at("Where is the <FL> sounding instrument?");
  EXPECT_EQ(flipped_where->record.video_id, "00000093_flip");
  EXPECT_EQ(flipped_where->record.answer, "right");
  EXPECT_EQ(flipped_where->record.templ_values, std::vector<std::string>{"first"});  // first/last is time, not side
  const StoredQuestion* flipped_kind = by_template.at("What kind of instrument is the <LRer> instrument? ");
  EXPECT_EQ(flipped_kind->record.templ_values, std::vector<std::string>{"rightest"});
  EXPECT_EQ(flipped_kind->record.answer, "guzheng");
  EXPECT_EQ(addFlippedQuestions(project, session, split, {"00000093", "00000101"}), 0) << "no duplicates";
  // One undo takes the whole flip back, one redo brings it again.
  const std::size_t with_flips = project.questions(split, QuestionDetail::AnalysisFields).size();
  EXPECT_EQ(session.undoText(), "mirrored QA pairs of 3 video(s)");
  session.undo();
  EXPECT_EQ(project.questions(split, QuestionDetail::AnalysisFields).size(), with_flips - 2);
  session.redo();
  EXPECT_EQ(project.questions(split, QuestionDetail::AnalysisFields).size(), with_flips);
  // Flipping a flipped comparison swaps both sides back.
  QaRecord comparison;
  comparison.video_id = "00000200";
  comparison.templ_values = {"cello", "left", "violin", "right"};
  comparison.answer = "yes";
  const std::optional<NewQuestion> mirrored = flippedQuestion(comparison);
  ASSERT_TRUE(mirrored.has_value());
  EXPECT_EQ(mirrored->values, (std::vector<std::string>{"cello", "right", "violin", "left"}));
  EXPECT_EQ(mirrored->answer, "yes");
  comparison.templ_values = {"cello"};
  comparison.answer = "middle";
  EXPECT_FALSE(flippedQuestion(comparison).has_value()) << "the middle stays the middle";
  EXPECT_EQ(mirroredSide("middle"), "middle");
}


// Two annotators on one project, each with a session and a connection of their own.
TEST_P(AnnotationStorage, AnEditOfAQuestionSomeoneChangedSinceIsRefusedNamingWhoAndWhat) {
  const std::string path = freshProject("two");
  ProjectStore alice_project(path, kCreate);
  const std::int64_t split = alice_project.importSplit("test", readMusicAvqaFile(test::fixturePath("avqa-quirks-indent.json")),
                                                       ExistingPolicy::Refuse).split_id;
  const std::vector<StoredQuestion> rows = alice_project.questions(split, QuestionDetail::AnalysisFields);
  ProjectStore bob_project(path, kExisting);
  AnnotationSession alice(alice_project, "alice");
  AnnotationSession bob(bob_project, "bob");

  alice.setAnswer(rows[0].row, "three");
  alice.setAnswer(rows[0].row, "four");  // her own edits follow each other
  try {
    bob.setAnswer(rows[0].row, "two");
    FAIL() << "bob overwrote alice's answer he had not seen";
  } catch (const StaleEditError& error) {
    EXPECT_EQ(error.row(), rows[0].row);
    const std::string message = error.what();
    EXPECT_NE(message.find("was changed by " + alice.who() + " at "), std::string::npos) << message;
    EXPECT_NE(message.find("answer: \"three\" -> \"four\""), std::string::npos) << message;
    EXPECT_NE(message.find("the edit was not stored"), std::string::npos) << message;
  }
  EXPECT_EQ(bob.stateOf(rows[0].row).answer, "four");
  EXPECT_FALSE(bob.canUndo());
  bob.setNote(rows[1].row, "other questions stay editable");

  bob.markSeen();  // bob's window reloaded and shows "four"
  bob.setAnswer(rows[0].row, "two");
  EXPECT_EQ(alice.stateOf(rows[0].row).answer, "two");

  // Undo takes back one's own edit only, and is refused the same way once someone changed it.
  EXPECT_THROW(alice.undo(), StaleEditError);
  EXPECT_TRUE(alice.canUndo()) << "a refused undo stays on the stack";
  EXPECT_EQ(alice.stateOf(rows[0].row).answer, "two");
  bob.undo();
  EXPECT_EQ(alice.stateOf(rows[0].row).answer, "four");

  // The history shows everyone's edits, newest first.
  const std::vector<HistoryEntry> history = questionHistory(alice_project, rows[0].row);
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[0].changed_by, bob.who());
  EXPECT_EQ(history[0].field, "undo anser");
  EXPECT_EQ(history[3].changed_by, alice.who());
}


// Double annotation: two annotators' blind answers beside the stored one, and their
// agreement. The figures below are worked out by hand: eight questions, each annotator
// answering "yes" to four, alike on six: p_o = 0.75, p_e = 0.5 * 0.5 + 0.5 * 0.5 = 0.5,
// kappa = (0.75 - 0.5) / (1 - 0.5) = 0.5.
TEST_P(AnnotationStorage, BlindAnswersAreKeptPerAnnotatorAndTheirAgreementIsCohensKappa) {
  ProjectStore project(freshProject("blind"), kCreate);
  const std::int64_t split = project.importSplit("test", readMusicAvqaFile(test::fixturePath("quirks-oneline.json")),
                                                 ExistingPolicy::Refuse).split_id;
  const std::string exported_before = project.exportSplit(split);
  std::vector<StoredQuestion> rows = project.questions(split, QuestionDetail::AnalysisFields);
  ASSERT_GE(rows.size(), 7u);
  BlindAnswerStore blind(project);
  blind.assign(split, "ada", "bob");
  EXPECT_EQ(blind.annotators(split), (std::vector<std::string>{"ada", "bob"}));
  const std::vector<std::string> ada = {"yes", "yes", "yes", "yes", "no", "no", "no"};
  const std::vector<std::string> bob = {"yes", "yes", "yes", "no", "no", "no", "yes"};
  for (std::size_t i = 0; i < ada.size(); ++i) {
    blind.setAnswer(rows[i].row, "ada", ada[i]);
    blind.setAnswer(rows[i].row, "bob", bob[i]);
  }
  EXPECT_THROW(blind.setAnswer(rows[0].row, "carol", "no"), AvqaError) << "carol was not given the split";
  EXPECT_EQ(project.exportSplit(split), exported_before) << "blind answers leave the stored answers as they are";

  const std::vector<BlindPair> pairs = blind.pairs(split);
  ASSERT_EQ(pairs.size(), ada.size());
  std::vector<std::pair<std::string, std::string>> answers;
  for (const BlindPair& pair : pairs) answers.emplace_back(pair.first_answer, pair.second_answer);
  // Seven questions: alike on five (p_o = 5/7); ada yes 4/7, bob yes 4/7:
  // p_e = (4/7)(4/7) + (3/7)(3/7) = 25/49; kappa = (5/7 - 25/49) / (1 - 25/49) = 10/24.
  ASSERT_TRUE(cohensKappa(answers).has_value());
  EXPECT_NEAR(*cohensKappa(answers), 10.0 / 24.0, 1e-12);
  const AgreementReport report = annotatorAgreement(pairs);
  EXPECT_NEAR(report.overall.agreement_percent, 500.0 / 7.0, 1e-9);
  ASSERT_EQ(report.disagreements.size(), 2u);
  EXPECT_EQ(report.disagreements[0].row, rows[3].row);
  EXPECT_EQ(report.disagreements[1].row, rows[6].row);
  // Eight questions, four yes each, alike on six: kappa 0.5 exactly (see above).
  std::vector<std::pair<std::string, std::string>> eight = {{"yes", "yes"}, {"yes", "yes"}, {"yes", "yes"}, {"yes", "no"},
                                                            {"no", "no"},   {"no", "no"},   {"no", "no"},   {"no", "yes"}};
  EXPECT_NEAR(*cohensKappa(eight), 0.5, 1e-12);
  EXPECT_FALSE(cohensKappa({{"yes", "yes"}, {"yes", "yes"}}).has_value()) << "chance agreement is certain: no kappa";
}

}  // namespace
}  // namespace avqa
