// A read-only project in the real workspace window: a banner says so and why, the editing
// controls are disabled, an edit that still arrives is refused with the reason, and the
// questions stay browsable.
#include <gtest/gtest.h>

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>

#include "AnnotationPanel.h"
#include "QuestionTableModel.h"
#include "QuestionsTab.h"
#include "WorkspaceSession.h"
#include "WorkspaceWindow.h"
#include "support/TempDir.h"

namespace {

TEST(ReadOnlyProject, BannerDisabledEditorsAndARefusedEdit) {
  avqa::test::TempDir dir;
  const std::string path = dir.file("p.avqa");
  avqa::ProjectStore(path, avqa::DbConnection::OpenMode::CreateIfMissing)
      .importSplit("test", avqa::readMusicAvqaFile(avqa::test::fixturePath("avqa-quirks-indent.json")),
                   avqa::ExistingPolicy::Refuse);
  avqa::WorkspaceWindow window(QString::fromStdString(path), QString(), nullptr, nullptr,
                               avqa::DbConnection::OpenMode::ReadOnly);
  window.show();
  QSignalSpy reloaded(&window, &avqa::WorkspaceWindow::rowsReloaded);
  ASSERT_TRUE(reloaded.wait(30000));
  EXPECT_EQ(window.model()->allRows().size(), 7u) << "the questions are browsable";
  ASSERT_NE(window.readOnlyBanner(), nullptr);
  EXPECT_TRUE(window.readOnlyBanner()->isVisible());
  EXPECT_TRUE(window.readOnlyBanner()->text().contains(QStringLiteral("Read-only project (opened read-only)")))
      << window.readOnlyBanner()->text().toStdString();
  avqa::AnnotationPanel& panel = *window.questionsTab()->panel();
  window.questionsTab()->selectShownRow(0);
  EXPECT_FALSE(panel.applyAnswerButton()->isEnabled());
  EXPECT_FALSE(panel.removeButton()->isEnabled());
  EXPECT_FALSE(panel.addButton()->isEnabled());
  EXPECT_TRUE(panel.applyAnswerButton()->toolTip().contains(QStringLiteral("Read-only project")));
  EXPECT_FALSE(window.undoAction()->isEnabled());

  QSignalSpy errors(&window, &avqa::WorkspaceWindow::errorShown);
  const std::int64_t row = window.model()->shownRow(0).row;
  EXPECT_FALSE(window.session().setAnswer(row, QStringLiteral("three")));
  ASSERT_EQ(errors.count(), 1);
  const QString message = errors.front().front().toString();
  EXPECT_TRUE(message.contains(QStringLiteral("is read-only (opened read-only): the change was not stored")))
      << message.toStdString();
}

}  // namespace
