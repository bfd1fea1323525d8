// The curation and evaluation workspace in real windows under Xvfb: edits through the QA
// table's panel are stored at once and undone/redone, the balance dashboard follows them,
// the evaluation view shows what `avqa-lens table` prints, compares runs, and runs a model.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <cstdio>
#include <filesystem>

#include "AnnotationPanel.h"
#include "AttentionChart.h"
#include "AttentionTab.h"
#include "BalanceDashboard.h"
#include "EvaluationTab.h"
#include "QuestionBox.h"
#include "QuestionFilterBar.h"
#include "QuestionTableModel.h"
#include "QuestionsTab.h"
#include "UiSettings.h"
#include "WorkspaceSession.h"
#include "WorkspaceWindow.h"
#include "dataset/TemplateCatalog.h"
#include "storage/AskStore.h"
#include "support/TempDir.h"
#include "support/TestVideos.h"

namespace {

constexpr auto kExisting = avqa::DbConnection::OpenMode::MustExist;

std::string commandOutput(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[4096];
  while (pipe && std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
  if (pipe) pclose(pipe);
  return out;
}

void importRun(avqa::ProjectStore& store, const std::string& name, const std::vector<std::string>& answers) {
  const std::vector<avqa::StoredQuestion> questions = store.questions(store.splits().front().id, avqa::QuestionDetail::AnalysisFields);
  std::vector<avqa::StoredPrediction> predictions;
  for (std::size_t i = 0; i < answers.size() && i < questions.size(); ++i) {
    if (!answers[i].empty()) predictions.push_back({questions[i].row, answers[i]});
  }
  avqa::RunInfo run;
  run.name = name;
  run.split_id = store.splits().front().id;
  run.source = "import-predictions";
  store.importRun(run, predictions, avqa::ExistingPolicy::Refuse);
}

void saveShot(QWidget& widget, const char* name) {
  QApplication::processEvents();
  if (const QByteArray shots = qgetenv("AVQA_SCREENSHOT_DIR"); !shots.isEmpty()) {
    widget.grab().save(QString::fromUtf8(shots) + QStringLiteral("/") + QString::fromLatin1(name));
  }
}

TEST(Workspace, EditsUndoRedoDashboardAndEvaluation) {
  avqa::test::TempDir dir;
  const std::string path = dir.file("p.avqa");
  {
    avqa::ProjectStore store(path, avqa::DbConnection::OpenMode::CreateIfMissing);
    store.importSplit("test", avqa::readMusicAvqaFile(avqa::test::fixturePath("avqa-quirks-indent.json")), avqa::ExistingPolicy::Refuse);
    // Truth: one, no, yes, two, guzheng, yes, three, no (the last is marked question_deleted).
    importRun(store, "mine", {"one", "no", "no", "three", "guzheng", "yes", "two", "no"});
    importRun(store, "theirs", {"two", "no", "no", "two", "guzheng", "yes", "two", "no"});
  }
  // The annotator's name, kept in the settings, signs every edit.
  avqa::UiSettings settings(QString::fromStdString(path + ".ini"));
  settings.setAnnotatorName(QStringLiteral("Ada Annotator"));
  avqa::WorkspaceWindow window(QString::fromStdString(path), QString(), nullptr, &settings);
  window.resize(1280, 820);
  window.show();
  QSignalSpy reloaded(&window, &avqa::WorkspaceWindow::rowsReloaded);
  ASSERT_TRUE(reloaded.wait(30000));
  avqa::QuestionTableModel& model = *window.model();
  ASSERT_EQ(model.allRows().size(), 7u);  // the table leaves out the record marked question_deleted
  avqa::QuestionsTab& questions = *window.questionsTab();
  avqa::AnnotationPanel& panel = *questions.panel();
  QStringList confirmed;
  bool accept_new = false;
  panel.setConfirmNewAnswer([&](const QString& answer) {
    confirmed << answer;
    return accept_new;
  });
  // An answer, flag or note edit changes its row in place; the others read the rows again.
  QSignalSpy edited(&window, &avqa::WorkspaceWindow::rowEdited);
  const auto edit_and_wait = [&](const std::function<void()>& action) {
    const qsizetype before = reloaded.count() + edited.count();
    action();
    return QTest::qWaitFor([&] { return reloaded.count() + edited.count() > before; }, 30000);
  };

  // Answer edit with a known answer: stored at once.
  questions.selectShownRow(0);
  const std::int64_t first_row = model.shownRow(0).row;
  avqa::WorkspaceSession& session = window.session();
  const qsizetype reloads_before = reloaded.count();
  ASSERT_TRUE(edit_and_wait([&] { EXPECT_TRUE(session.setAnswer(first_row, QStringLiteral("three"))); }));
  EXPECT_EQ(reloaded.count(), reloads_before) << "an answer edit changes its row in place, no reload";
  EXPECT_EQ(edited.count(), 1);
  EXPECT_EQ(model.data(model.index(0, avqa::QuestionTableModel::Answer), Qt::DisplayRole).toString(), QStringLiteral("three"));
  EXPECT_TRUE(confirmed.isEmpty()) << "a known answer needs no confirmation";
  EXPECT_EQ(model.allRows()[0].answer, "three");
  {
    avqa::ProjectStore check(path, kExisting);
    EXPECT_EQ(check.questions(check.splits().front().id, avqa::QuestionDetail::AnalysisFields)[0].record.answer, "three");
  }
  // A new answer asks first; refused, nothing changes.
  panel.answerBox()->setCurrentText(QStringLiteral("a sousaphone"));
  panel.applyAnswerButton()->click();
  EXPECT_EQ(confirmed, QStringList{QStringLiteral("a sousaphone")});
  QTest::qWait(200);
  EXPECT_EQ(model.allRows()[0].answer, "three");
  // Flags and the flagged filter.
  ASSERT_TRUE(edit_and_wait([&] { EXPECT_TRUE(session.setFlags(first_row, avqa::kFlagAmbiguous)); }));
  EXPECT_EQ(model.allRows()[0].flags, avqa::kFlagAmbiguous);
  // The panel shows the question's history, newest first: who, when, what.
  ASSERT_EQ(panel.historyList()->count(), 2);
  EXPECT_TRUE(panel.historyList()->item(0)->text().contains(QStringLiteral("flags: none → ambiguous")));
  EXPECT_TRUE(panel.historyList()->item(0)->text().contains(QStringLiteral("Ada Annotator"))) << panel.historyList()->item(0)->text().toStdString();
  EXPECT_TRUE(panel.historyList()->item(1)->text().contains(QStringLiteral("answer: one → three")));
  questions.filters()->setFlagFilter(avqa::FlagFilter::Flagged);
  EXPECT_EQ(model.rowCount(), 1);
  questions.filters()->setFlagFilter(avqa::FlagFilter::Any);

  // Undo both (Ctrl+Z), redo one (Ctrl+Shift+Z).
  EXPECT_TRUE(session.undoText().contains(QStringLiteral("flags")));
  EXPECT_EQ(window.undoAction()->text(), session.undoText()) << "the Edit menu follows the session";
  ASSERT_TRUE(edit_and_wait([&] { EXPECT_TRUE(session.undo()); }));
  ASSERT_TRUE(edit_and_wait([&] { EXPECT_TRUE(session.undo()); }));
  EXPECT_EQ(model.allRows()[0].answer, "one");
  EXPECT_EQ(model.allRows()[0].flags, 0);
  EXPECT_FALSE(session.canUndo());
  EXPECT_FALSE(window.undoAction()->isEnabled());
  ASSERT_TRUE(edit_and_wait([&] { EXPECT_TRUE(session.redo()); }));
  EXPECT_EQ(model.allRows()[0].answer, "three");
  EXPECT_EQ(model.allRows()[0].row, first_row);

  // A new QA pair from a template with its slot picked.
  avqa::QuestionBox& box = *panel.newQuestion();
  const auto& templates = box.templates();
  const auto there = std::find_if(templates.begin(), templates.end(), [](const auto& t) { return t.text == "Is there a <Object> sound?"; });
  box.chooseTemplate(static_cast<int>(there - templates.begin()));
  box.slotPickers()[0]->setCurrentText(QStringLiteral("cello"));
  panel.newVideo()->setText(QStringLiteral("00000093"));
  panel.newAnswer()->setCurrentText(QStringLiteral("yes"));
  ASSERT_TRUE(edit_and_wait([&] { panel.addButton()->click(); }));
  ASSERT_EQ(model.allRows().size(), 8u);
  EXPECT_EQ(model.allRows().back().question, "Is there a cello sound?");
  EXPECT_FALSE(model.allRows().back().free_text);

  // Flip augmentation: 00000101 has a "leftest" question; its mirror is added on 00000101_flip.
  for (int i = 0; i < model.rowCount(); ++i) {
    if (model.shownRow(i).video_id == "00000101") {
      questions.selectShownRow(i);
      break;
    }
  }
  ASSERT_TRUE(edit_and_wait([&] { panel.flipButton()->click(); }));
  ASSERT_EQ(model.allRows().size(), 9u);
  EXPECT_EQ(model.allRows().back().video_id, "00000101_flip");
  EXPECT_EQ(model.allRows().back().question, "What kind of instrument is the rightest instrument? ");
  ASSERT_TRUE(edit_and_wait([&] { window.undoAction()->trigger(); }));
  ASSERT_EQ(model.allRows().size(), 8u);

  // The dashboard follows: both "always playing" questions answered yes break that template.
  avqa::BalanceDashboard& dashboard = *window.dashboard();
  const std::string always = "Is the <Object> in the video always playing?";
  const auto suggestion_for = [&]() -> const avqa::BalanceSuggestion* {
    for (const avqa::BalanceSuggestion& suggestion : dashboard.suggestions()) {
      if (suggestion.template_text == always) return &suggestion;
    }
    return nullptr;
  };
  const std::size_t broken_before = dashboard.suggestions().size();  // single-record templates break it too
  EXPECT_EQ(suggestion_for(), nullptr);
  ASSERT_TRUE(edit_and_wait([&] {
    EXPECT_TRUE(session.setAnswer(model.allRows()[1].row, QStringLiteral("yes")));
  }));
  // The edit changed its row in place; the dashboard follows shortly after.
  ASSERT_TRUE(QTest::qWaitFor([&] { return dashboard.suggestions().size() == broken_before + 1; }, 30000))
      << dashboard.suggestions().size();
  ASSERT_NE(suggestion_for(), nullptr);
  EXPECT_EQ(suggestion_for()->add_total, 2);  // 2 "yes" of 4 <= 0.6
  EXPECT_EQ(suggestion_for()->add.front().answer, "no");
  bool listed_red = false;
  for (int r = 0; r < dashboard.templateTable()->rowCount(); ++r) {
    const QTableWidgetItem* item = dashboard.templateTable()->item(r, 0);
    if (item->text() == QString::fromStdString(avqa::readableQuestionText(always))) listed_red = r < static_cast<int>(dashboard.suggestions().size());
  }
  EXPECT_TRUE(listed_red) << "broken templates are listed first";
  window.tabs()->setCurrentWidget(&dashboard);
  ASSERT_TRUE(edit_and_wait([&] { window.undoAction()->trigger(); }));
  EXPECT_EQ(suggestion_for(), nullptr);
  EXPECT_EQ(dashboard.suggestions().size(), broken_before);

  // Evaluation: the paper table shows what `avqa-lens table` prints, cell for cell.
  avqa::EvaluationTab& evaluation = *window.evaluation();
  QSignalSpy runs_shown(&evaluation, &avqa::EvaluationTab::runsShown);
  const auto show_runs = [&](const char* a, const char* b) {
    const int before = runs_shown.count();
    evaluation.showRuns(QString::fromLatin1(a), QString::fromLatin1(b));
    while (runs_shown.count() == before) {
      if (!runs_shown.wait(10000)) return false;
    }
    return true;
  };
  ASSERT_TRUE(show_runs("mine", ""));
  const std::string csv = commandOutput(std::string(AVQA_LENS_EXE) + " table " + path + " --run mine --format csv");
  const std::string csv_values = csv.substr(csv.find("\r\n") + 2);
  QStringList shown;
  for (int c = 0; c < evaluation.paperTable()->columnCount(); ++c) shown << evaluation.paperTable()->item(0, c)->text();
  EXPECT_EQ(shown.join(QLatin1Char(',')).toStdString() + "\r\n", csv_values);
  EXPECT_GT(evaluation.confusionTable()->rowCount(), 0);
  // A run compared with itself: no disagreements; with another, the filters pick them.
  ASSERT_TRUE(show_runs("mine", "mine"));
  ASSERT_TRUE(evaluation.comparison().has_value());
  EXPECT_TRUE(evaluation.comparison()->disagreements.empty());
  EXPECT_EQ(evaluation.disagreementTable()->rowCount(), 0);
  ASSERT_TRUE(show_runs("mine", "theirs"));
  EXPECT_EQ(evaluation.comparison()->disagreements.size(), 2u);
  // Question 1 now says "three" (edited above): both runs are wrong there; on question 4 only B is right.
  evaluation.disagreementFilter()->setCurrentIndex(1);  // A right, B wrong
  EXPECT_EQ(evaluation.disagreementTable()->rowCount(), 0);
  evaluation.disagreementFilter()->setCurrentIndex(2);  // B right, A wrong
  ASSERT_EQ(evaluation.disagreementTable()->rowCount(), 1);
  EXPECT_EQ(evaluation.disagreementTable()->item(0, 0)->text(), QStringLiteral("00000101"));
  evaluation.disagreementFilter()->setCurrentIndex(3);  // both wrong
  EXPECT_EQ(evaluation.disagreementTable()->rowCount(), 1);
  evaluation.disagreementFilter()->setCurrentIndex(0);
  window.tabs()->setCurrentWidget(&evaluation);
  evaluation.showDetails(2);  // A vs B
  saveShot(window, "workspace-evaluation.png");
}

TEST(Workspace, RunsAModelOverASplitAndItsAnswersAppear) {
  avqa::test::TempDir dir;
  ASSERT_EQ(std::system(("/usr/bin/python3 " + std::string(AVQA_TESTS_DIR) + "/models/make_models.py " + dir.file("m")).c_str()), 0);
  qputenv("AVQA_CACHE_DIR", QByteArray::fromStdString(dir.file("cache")));
  std::filesystem::create_directories(dir.file("videos"));
  avqa::test::writeRedBlueVideo(dir.file("videos/clip.mp4"), 4, 160, 120);
  avqa::test::writeBytes(dir.file("q.json"),
                         R"([{"video_id": "clip", "question_id": 1, "type": "[\"Audio\", \"Counting\"]", "question_content": "Is there a <Object> sound?", "templ_values": "[\"violin\"]", "question_deleted": 0, "anser": "five"},
{"video_id": "clip", "question_id": 2, "type": "[\"Audio\", \"Counting\"]", "question_content": "How many musical instruments were heard throughout the video?", "templ_values": "[]", "question_deleted": 0, "anser": "nine"}])");
  const std::string path = dir.file("p.avqa");
  {
    avqa::ProjectStore store(path, avqa::DbConnection::OpenMode::CreateIfMissing);
    store.importSplit("test", avqa::readMusicAvqaFile(dir.file("q.json")), avqa::ExistingPolicy::Refuse);
    avqa::VideoFolders(store).add(dir.file("videos"));
  }
  avqa::WorkspaceWindow window(QString::fromStdString(path), QString::fromStdString(dir.file("cache")));
  window.show();
  QSignalSpy finished(window.evaluation(), &avqa::EvaluationTab::runFinished);
  QSignalSpy shown(window.evaluation(), &avqa::EvaluationTab::runsShown);
  window.evaluation()->startRun(QString::fromStdString(dir.file("m/contract.pt")), QStringLiteral("test"), QStringLiteral("gui-run"));
  ASSERT_TRUE(finished.wait(60000));
  const std::string message = finished.first().at(1).toString().toStdString();
  EXPECT_NE(message.find("2 new predictions"), std::string::npos) << message;
  avqa::ProjectStore store(path, kExisting);
  const std::optional<avqa::RunInfo> run = store.findRun("gui-run");
  ASSERT_TRUE(run.has_value());
  const auto predictions = store.predictions(run->id);
  ASSERT_EQ(predictions.size(), 2u);
  // The contract model answers with the question's word count.
  const std::vector<avqa::StoredQuestion> questions = store.questions(run->split_id, avqa::QuestionDetail::AnalysisFields);
  EXPECT_EQ(predictions.at(questions[0].row), "five");
  while (window.evaluation()->paperTable()->rowCount() == 0 ||
         window.evaluation()->paperTable()->item(0, 0)->text() != QStringLiteral("gui-run")) {
    ASSERT_TRUE(shown.wait(10000)) << "the new run is shown";
  }
  // The run kept its maps: the Attention tab audits it (no ground truth here: said so).
  EXPECT_EQ(store.predictionMaps(run->id).size(), 2u);
  QSignalSpy audited(window.attention(), &avqa::AttentionTab::audited);
  window.attention()->audit(QStringLiteral("gui-run"));
  ASSERT_TRUE(audited.wait(30000));
  ASSERT_NE(window.attention()->shownAudit(), nullptr);
  EXPECT_EQ(window.attention()->shownAudit()->questions.size(), 2u);
  EXPECT_EQ(window.attention()->shownAudit()->without_maps, 0u);
  EXPECT_EQ(window.attention()->shownAudit()->without_evidence, 2u);
  EXPECT_GT(window.attention()->summaryTable()->rowCount(), 0);
  // Evidence drawn for both questions (the red square, every second): the chart shows the
  // question-guided map on it (the contract model looks at red) and the sound-guided one off
  // it (it looks at blue), beside uniform attention.
  {
    avqa::AnnotationSession session(store, "test");
    avqa::Evidence red;
    red.seconds = {0, 1, 2, 3};
    red.boxes = {QRectF(QPointF(80, 0), QPointF(160, 60))};
    for (const avqa::StoredQuestion& question : questions) session.setEvidence(question.row, red);
  }
  QSignalSpy audited_again(window.attention(), &avqa::AttentionTab::audited);
  window.attention()->audit(QStringLiteral("gui-run"));
  ASSERT_TRUE(audited_again.wait(30000));
  EXPECT_EQ(window.attention()->shownAudit()->without_evidence, 0u);
  avqa::AttentionChart& chart = *window.attention()->chart();
  chart.figureChoice()->setCurrentIndex(1);  // question-guided pointing
  ASSERT_EQ(chart.shownCategories().back(), QStringLiteral("Overall"));
  EXPECT_NEAR(chart.shownValues()[0].back(), 1.0, 1e-9);
  EXPECT_GT(chart.shownValues()[1].back(), 0.1);  // uniform: one patch centre of four is in the box
  EXPECT_LT(chart.shownValues()[1].back(), 0.5);
  chart.figureChoice()->setCurrentIndex(0);  // sound-guided pointing
  EXPECT_NEAR(chart.shownValues()[0].back(), 0.0, 1e-9);
}

}  // namespace
