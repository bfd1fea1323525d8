// Two annotators' workspace windows on one project (a file, and a PostgreSQL server project),
// under Xvfb: an edit in one shows in the other's QA table and balance dashboard without any
// action there; an edit of a question changed since it was shown is refused with who changed
// it, and the refusing window reads the rows again to show the change.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

#include <QApplication>
#include <QLabel>
#include <QTabWidget>
#include <QTableWidget>

#include "AgreementTab.h"
#include "BalanceDashboard.h"
#include "BlindAnnotationDialog.h"
#include "TextTableWidget.h"
#include "storage/BlindAnswerStore.h"
#include "storage/QuestionRows.h"
#include "QuestionTableModel.h"
#include "UiSettings.h"
#include "WorkspaceSession.h"
#include "WorkspaceWindow.h"
#include "WindowTestSupport.h"
#include "support/ProjectBackends.h"

namespace {

std::string answerOf(avqa::QuestionTableModel& model, std::int64_t row) {
  for (const avqa::QuestionRow& shown : model.allRows()) {
    if (shown.row == row) return shown.answer;
  }
  return "<absent>";
}

std::int64_t answerCount(const avqa::BalanceDashboard& dashboard, const std::string& answer) {
  std::int64_t count = 0;
  for (const avqa::TemplateBalance& balance : dashboard.balances()) {
    for (const avqa::AnswerCount& answers : balance.answers) count += answers.answer == answer ? answers.count : 0;
  }
  return count;
}

class TeamWorkspace : public avqa::test::ProjectBackendTest {};
AVQA_BOTH_BACKENDS(TeamWorkspace);

TEST_P(TeamWorkspace, EditsShowInTheOtherWindowAndStaleEditsAreRefusedNamingWho) {
  const std::string project = freshProject("team");
  {
    avqa::ProjectStore store(project, avqa::DbConnection::OpenMode::CreateIfMissing);
    store.importSplit("test", avqa::readMusicAvqaFile(avqa::test::fixturePath("avqa-quirks-indent.json")), avqa::ExistingPolicy::Refuse);
  }
  avqa::UiSettings ada_settings(QString::fromStdString(dir_.file("ada.ini")));
  ada_settings.setAnnotatorName(QStringLiteral("Ada"));
  avqa::UiSettings bob_settings(QString::fromStdString(dir_.file("bob.ini")));
  bob_settings.setAnnotatorName(QStringLiteral("Bob"));
  avqa::WorkspaceWindow ada(QString::fromStdString(project), QString(), nullptr, &ada_settings);
  avqa::WorkspaceWindow bob(QString::fromStdString(project), QString(), nullptr, &bob_settings);
  ada.show();
  bob.show();
  QSignalSpy ada_loaded(&ada, &avqa::WorkspaceWindow::rowsReloaded), bob_loaded(&bob, &avqa::WorkspaceWindow::rowsReloaded);
  ASSERT_TRUE(ada_loaded.wait(30000));
  ASSERT_TRUE(bob_loaded.count() > 0 || bob_loaded.wait(30000));
  avqa::QuestionTableModel& ada_rows = *ada.model();
  avqa::QuestionTableModel& bob_rows = *bob.model();
  const std::int64_t first = ada_rows.allRows().at(0).row;
  ASSERT_EQ(answerOf(bob_rows, first), "one");
  ASSERT_EQ(answerCount(*bob.dashboard(), "seventeen"), 0);

  // Ada's edit shows in Bob's table and dashboard with nothing done in Bob's window.
  ASSERT_TRUE(ada.session().setAnswer(first, QStringLiteral("seventeen")));
  ASSERT_TRUE(QTest::qWaitFor([&] { return answerOf(bob_rows, first) == "seventeen"; }, 30000)) << answerOf(bob_rows, first);
  EXPECT_EQ(answerCount(*bob.dashboard(), "seventeen"), 1);
  EXPECT_TRUE(bob.statusBar()->currentMessage().contains(QStringLiteral("made elsewhere"))) << bob.statusBar()->currentMessage().toStdString();

  // Bob answers a question Ada changes just before him (his table still shows the old
  // answer): refused, naming Ada and her answer; his table then shows hers.
  const std::int64_t second = ada_rows.allRows().at(1).row;
  QSignalSpy bob_errors(&bob.session(), &avqa::WorkspaceSession::errorShown);
  ASSERT_TRUE(ada.session().setAnswer(second, QStringLiteral("eleven")));
  EXPECT_FALSE(bob.session().setAnswer(second, QStringLiteral("yes")));
  ASSERT_EQ(bob_errors.count(), 1);
  const QString refusal = bob_errors.at(0).at(0).toString();
  EXPECT_TRUE(refusal.contains(QStringLiteral("was changed by Ada"))) << refusal.toStdString();
  EXPECT_TRUE(refusal.contains(QStringLiteral("\"eleven\""))) << refusal.toStdString();
  ASSERT_TRUE(QTest::qWaitFor([&] { return answerOf(bob_rows, second) == "eleven"; }, 30000));
  // Having seen it, Bob may change it; Ada sees his answer, and both are in the history.
  ASSERT_TRUE(bob.session().setAnswer(second, QStringLiteral("yes")));
  ASSERT_TRUE(QTest::qWaitFor([&] { return answerOf(ada_rows, second) == "yes"; }, 30000));
  const std::vector<avqa::HistoryEntry> history = ada.session().history(second);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].changed_by.rfind("Bob", 0), 0u) << history[0].changed_by;
  EXPECT_EQ(history[1].changed_by.rfind("Ada", 0), 0u) << history[1].changed_by;
  // Ada's undo of her answer is refused: Bob changed the question since.
  EXPECT_FALSE(ada.session().undo());
  EXPECT_EQ(answerOf(ada_rows, second), "yes");
}

// The Agreement tab: two blind annotators' answers to four questions (two alike) give 50 %
// agreement and kappa (0.5 - 0.25) / 0.75 = 0.333 worked out by hand; the two disagreements
// are listed, and adjudicating one stores the chosen annotator's answer as a signed edit.
TEST_P(TeamWorkspace, AgreementTabComparesBlindAnnotatorsAndAdjudicates) {
  const std::string project = freshProject("agreement");
  std::vector<std::int64_t> rows;
  {
    avqa::ProjectStore store(project, avqa::DbConnection::OpenMode::CreateIfMissing);
    store.importSplit("test", avqa::readMusicAvqaFile(avqa::test::fixturePath("avqa-quirks-indent.json")), avqa::ExistingPolicy::Refuse);
    const std::int64_t split = store.findSplit("test")->id;
    avqa::BlindAnswerStore blind(store);
    blind.assign(split, "ada", "bob");
    for (const avqa::QuestionRow& row : avqa::loadQuestionRows(store)) rows.push_back(row.row);
    ASSERT_GE(rows.size(), 4u);
    const char* ada[] = {"yes", "yes", "no", "two"};
    const char* bob[] = {"yes", "no", "no", "three"};
    for (int i = 0; i < 4; ++i) {
      blind.setAnswer(rows[static_cast<std::size_t>(i)], "ada", ada[i]);
      blind.setAnswer(rows[static_cast<std::size_t>(i)], "bob", bob[i]);
    }
  }
  avqa::UiSettings settings(QString::fromStdString(dir_.file("carol.ini")));
  settings.setAnnotatorName(QStringLiteral("Carol"));
  avqa::WorkspaceWindow window(QString::fromStdString(project), QString(), nullptr, &settings);
  window.show();
  QSignalSpy loaded(&window, &avqa::WorkspaceWindow::rowsReloaded);
  ASSERT_TRUE(loaded.wait(30000));
  QSignalSpy computed(window.agreement(), &avqa::AgreementTab::computed);
  window.tabs()->setCurrentWidget(window.agreement());
  ASSERT_TRUE(computed.wait(30000));
  const avqa::TextTable figures = avqa::tableOf(window.agreement()->agreementTable());
  ASSERT_FALSE(figures.rows.empty());
  const std::vector<std::string>& overall = figures.rows.back();
  EXPECT_EQ(overall.at(0), "all");
  EXPECT_EQ(overall.at(2), "4");
  EXPECT_EQ(overall.at(3), "50.00");
  EXPECT_EQ(overall.at(4), "0.333");
  const avqa::TextTable list = avqa::tableOf(window.agreement()->disagreementTable());
  ASSERT_EQ(list.rows.size(), 2u);
  EXPECT_EQ(list.header.at(2), "ada");
  EXPECT_EQ(list.rows.at(1).at(0), std::to_string(rows[3]));
  EXPECT_EQ(list.rows.at(1).at(3), "three");
  if (const QByteArray shots = qgetenv("AVQA_SCREENSHOT_DIR"); !shots.isEmpty() && GetParam() == avqa::test::StorageBackend::File) {
    window.resize(1100, 640);
    QApplication::processEvents();
    avqa::test::windowPicture(window).save(QString::fromUtf8(shots) + QStringLiteral("/workspace-agreement.png"));
  }

  computed.clear();
  window.agreement()->adjudicate(1, 1);  // bob's "three" for the fourth question
  ASSERT_TRUE(computed.wait(30000));
  EXPECT_EQ(answerOf(*window.model(), rows[3]), "three");
  EXPECT_EQ(avqa::tableOf(window.agreement()->disagreementTable()).rows.at(1).at(4), "three") << "the stored answer column";
  const std::vector<avqa::HistoryEntry> history = window.session().history(rows[3]);
  ASSERT_FALSE(history.empty());
  EXPECT_EQ(history[0].changed_by.rfind("Carol", 0), 0u) << history[0].changed_by;
}

// A blind annotator answers in a window of their own that shows neither the stored answers
// nor the other annotator's; each answer is kept beside the stored one, which stays. Someone
// not given the split is refused by name.
TEST_P(TeamWorkspace, BlindAnnotationShowsNoStoredAnswerAndKeepsTheStoredOne) {
  const std::string project = freshProject("blind-window");
  std::int64_t split = 0;
  {
    avqa::ProjectStore store(project, avqa::DbConnection::OpenMode::CreateIfMissing);
    store.importSplit("test", avqa::readMusicAvqaFile(avqa::test::fixturePath("avqa-quirks-indent.json")), avqa::ExistingPolicy::Refuse);
    split = store.findSplit("test")->id;
    avqa::BlindAnswerStore(store).assign(split, "ada", "bob");
  }
  avqa::UiSettings settings(QString::fromStdString(dir_.file("bob.ini")));
  settings.setAnnotatorName(QStringLiteral("bob"));
  avqa::WorkspaceWindow window(QString::fromStdString(project), QString(), nullptr, &settings);
  window.show();
  QSignalSpy reloaded(&window, &avqa::WorkspaceWindow::rowsReloaded);
  ASSERT_TRUE(reloaded.wait(30000));
  const std::vector<avqa::QuestionRow> shown = window.model()->allRows();
  avqa::BlindAnnotationDialog* dialog = window.openBlindAnnotation(QStringLiteral("test"));
  QSignalSpy loaded(dialog, &avqa::BlindAnnotationDialog::loaded);
  ASSERT_TRUE(loaded.wait(30000));
  QTableWidget* table = dialog->table();
  ASSERT_EQ(table->rowCount(), static_cast<int>(shown.size()));
  for (int i = 0; i < table->rowCount(); ++i) {
    EXPECT_EQ(table->item(i, 3)->text(), QString()) << "row " << i << ": nothing answered yet, and no stored answer shown";
    EXPECT_EQ(table->item(i, 2)->text().toStdString(), shown[static_cast<std::size_t>(i)].question);
  }
  EXPECT_EQ(table->horizontalHeaderItem(3)->text(), QStringLiteral("Your answer"));
  QSignalSpy stored(dialog, &avqa::BlindAnnotationDialog::answerStored);
  dialog->answer(shown[0].row, QStringLiteral("forty-two"));
  ASSERT_TRUE(stored.wait(30000));
  EXPECT_EQ(dialog->status()->text(), QStringLiteral("1 of %1 questions answered").arg(shown.size()));
  if (const QByteArray shots = qgetenv("AVQA_SCREENSHOT_DIR"); !shots.isEmpty() && GetParam() == avqa::test::StorageBackend::File) {
    QApplication::processEvents();
    avqa::test::windowPicture(*dialog).save(QString::fromUtf8(shots) + QStringLiteral("/blind-annotation.png"));
  }
  {
    avqa::ProjectStore store(project, avqa::DbConnection::OpenMode::MustExist);
    avqa::BlindAnswerStore blind(store);
    EXPECT_EQ(blind.answeredBy(split, "bob"), 1);
    EXPECT_EQ(blind.questionsFor(split, "bob").at(0).own_answer, "forty-two");
  }
  EXPECT_EQ(answerOf(*window.model(), shown[0].row), shown[0].answer) << "the stored answer stays";
  dialog->close();

  settings.setAnnotatorName(QStringLiteral("carol"));
  avqa::WorkspaceWindow carols(QString::fromStdString(project), QString(), nullptr, &settings);
  QSignalSpy refused(&carols, &avqa::WorkspaceWindow::errorShown);
  carols.openBlindAnnotation(QStringLiteral("test"));
  ASSERT_TRUE(refused.wait(30000));
  EXPECT_TRUE(refused.last().first().toString().contains(QStringLiteral("not given to carol"))) << refused.last().first().toString().toStdString();
}

}  // namespace
