// The main window's state as its users meet it (under Xvfb, real workers and models): what
// is on screen belongs together, media work never waits for an ask, tasks end with the window.
#include <gtest/gtest.h>

#include <QApplication>
#include <QCheckBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <sys/resource.h>
#include <thread>

#include "AskPanel.h"
#include "EvaluationTab.h"
#include "InspectorSession.h"
#include "MainWindow.h"
#include "QuestionBox.h"
#include "SecondMapView.h"
#include "VideoView.h"
#include "TaskList.h"
#include "WorkspaceWindow.h"
#include "storage/ProjectStore.h"
#include "support/TempDir.h"
#include "support/TestVideos.h"
#include "WindowTestSupport.h"

namespace {

QString testModel(const avqa::test::ContractSetup& setup, const char* name) {
  return QString::fromStdString(setup.dir.file(std::string("m/") + name));
}

void loadAndOpen(avqa::MainWindow& window, const QString& model, const std::string& video) {
  avqa::test::loadModelAndWait(window, model.toStdString());
  QSignalSpy opened(&window, &avqa::MainWindow::videoReady);
  window.openVideo(QString::fromStdString(video));
  ASSERT_TRUE(opened.wait(30000));
}

TEST(Session, AFrameStepIsAnsweredWhileAnAskIsRunning) {
  avqa::test::ContractSetup models;
  avqa::MainWindow window(nullptr, QString::fromStdString(models.dir.file("cache")));
  window.show();
  loadAndOpen(window, testModel(models, "slow.pt"), models.video);
  QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
  QSignalSpy stepped(&window, &avqa::MainWindow::frameStepped);
  window.ask(QStringLiteral("Is there a violin sound?"));
  ASSERT_TRUE(window.session().busy());
  window.seekTo(1.0);
  window.stepFrames(1);
  ASSERT_TRUE(stepped.wait(10000)) << "the frame step waited for the ask";
  EXPECT_EQ(answered.count(), 0) << "the slow ask should still be running";
  EXPECT_TRUE(window.session().busy());
  ASSERT_TRUE(answered.wait(120000));
  EXPECT_EQ(window.outcome()->result.prediction.answer(), "five");
}

TEST(Session, WhatIsShownBelongsTogether) {
  avqa::test::ContractSetup models;
  avqa::MainWindow window(nullptr, QString::fromStdString(models.dir.file("cache")));
  window.show();
  loadAndOpen(window, testModel(models, "contract.pt"), models.video);
  QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
  window.ask(QStringLiteral("Is there a violin sound?"));  // 5 words: "five"
  ASSERT_TRUE(answered.wait(60000));
  const avqa::InspectorSession& session = window.session();
  ASSERT_NE(session.shownOutcome(), nullptr);
  EXPECT_TRUE(window.answerText().contains(QStringLiteral("<b>five")));

  // A new question hides the old answer and its map; typing it back shows them again.
  window.setQuestion(QStringLiteral("How many instruments are there?"));
  EXPECT_EQ(session.shownOutcome(), nullptr);
  EXPECT_FALSE(window.answerText().contains(QStringLiteral("five")));
  EXPECT_FALSE(session.heatmap().has_value());
  window.setQuestion(QStringLiteral("Is there a violin sound?"));
  EXPECT_NE(session.shownOutcome(), nullptr);
  EXPECT_TRUE(session.heatmap().has_value());

  // A second answer: B is the first. Showing B puts B's question in the box, and the
  // button says what it will do next.
  window.ask(QStringLiteral("Is the cello louder?"));  // 4 words: "four"
  ASSERT_TRUE(answered.wait(60000));
  EXPECT_EQ(window.askPanel()->otherSideLabel(), QStringLiteral("Show B"));
  window.setCompareSide(avqa::CompareSide::B);
  EXPECT_EQ(session.question(), QStringLiteral("Is there a violin sound?"));
  EXPECT_EQ(window.questionBox()->text(), QStringLiteral("Is there a violin sound?"));
  EXPECT_TRUE(window.answerText().contains(QStringLiteral("five")));
  EXPECT_EQ(window.askPanel()->otherSideLabel(), QStringLiteral("Show A"));
  window.setCompareSide(avqa::CompareSide::A);
  EXPECT_EQ(window.questionBox()->text(), QStringLiteral("Is the cello louder?"));

  // The timeline names both sides with model and question when comparing.
  window.askPanel()->chooseComparing(true);
  const auto curves = window.session().answers().curves(true, avqa::HeatmapKind::QuestionGuided);
  ASSERT_EQ(curves.size(), 2u);
  EXPECT_TRUE(curves[0].name.contains(QStringLiteral("Is the cello louder?"))) << curves[0].name.toStdString();
  EXPECT_TRUE(curves[1].name.contains(QStringLiteral("Is there a violin sound?"))) << curves[1].name.toStdString();

  // One colour scale for the whole answer by default; per step on request.
  const std::optional<avqa::FrameHeatmap> whole = session.heatmap();
  ASSERT_TRUE(whole.has_value());
  EXPECT_GT(whole->scale_peak, 0.0f);
  emit window.askPanel()->mapScaleChosen(avqa::MapScale::PerStep);  // what the scale picker sends
  EXPECT_EQ(session.heatmap()->scale_peak, 0.0f);
}

TEST(Session, AMapTheModelLacksIsNamed) {
  avqa::test::ContractSetup models;
  avqa::MainWindow window(nullptr, QString::fromStdString(models.dir.file("cache")));
  window.show();
  loadAndOpen(window, QStringLiteral(AVQA_WEIGHTS_DIR "/avmaster.avqamodel"), models.video);
  window.setHeatmapKind(avqa::HeatmapKind::SoundGuided);
  QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
  window.ask(QStringLiteral("Is there a violin sound?"));
  ASSERT_TRUE(answered.wait(60000));
  // AV-Master fills only the question-guided map: that one is drawn, and the panel says why.
  EXPECT_EQ(window.session().shownHeatmapKind(), avqa::HeatmapKind::QuestionGuided);
  EXPECT_TRUE(window.session().mapNotice().contains(QStringLiteral("has no sound-guided map"))) << window.session().mapNotice().toStdString();
}

TEST(Session, ClosingTheWindowCancelsItsTasks) {
  std::atomic<int> cancelled{0};
  auto window = std::make_unique<avqa::MainWindow>();
  window->show();
  for (int i = 0; i < 3; ++i) {
    window->tasks()->start(QStringLiteral("waits for cancel %1").arg(i), [&cancelled](avqa::TaskContext& context) {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
      while (!context.cancel.cancelled() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      if (context.cancel.cancelled()) ++cancelled;
      return QVariant();
    });
  }
  EXPECT_EQ(window->tasks()->running().size(), 3u);
  const auto closing = std::chrono::steady_clock::now();
  window->close();
  window.reset();
  const double close_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - closing).count();
  EXPECT_LT(close_ms, 5000.0) << "closing waited for the tasks";
  QTest::qWaitFor([&] { return cancelled.load() >= 3; }, 30000);
  EXPECT_EQ(cancelled.load(), 3);
}

}  // namespace

namespace {

// A disk that fills while "Save table as CSV" writes: the file-size limit makes every write
// past the first byte fail (EFBIG, SIGXFSZ ignored), as a full disk would.
TEST(Session, AFullDiskWhileSavingATableIsReportedAndTheAppStaysUp) {
  avqa::test::TempDir dir;
  const std::string project = dir.file("p.avqa");
  { avqa::ProjectStore store(project, avqa::DbConnection::OpenMode::CreateIfMissing); }
  avqa::WorkspaceWindow workspace(QString::fromStdString(project), QString());
  workspace.show();
  QSignalSpy errors(workspace.evaluation(), &avqa::EvaluationTab::errorShown);
  const std::string csv = dir.file("table.csv");
  rlimit before{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &before), 0);
  const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit tiny = before;
  tiny.rlim_cur = 1;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &tiny), 0);
  const bool saved = workspace.evaluation()->saveTableCsv(QString::fromStdString(csv));
  ::setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, previous_handler);
  EXPECT_FALSE(saved);
  ASSERT_EQ(errors.count(), 1);
  EXPECT_TRUE(errors.first().first().toString().contains(QString::fromStdString(csv))) << errors.first().first().toString().toStdString();
  EXPECT_FALSE(std::filesystem::exists(csv));
  EXPECT_FALSE(std::filesystem::exists(csv + ".tmp-avqa"));
  EXPECT_TRUE(workspace.evaluation()->saveTableCsv(QString::fromStdString(csv)));  // room again: it works
  EXPECT_TRUE(workspace.isVisible());
}

}  // namespace

namespace {

// View > Second map beside: the other map of the same step on the same frame, beside the first.
TEST(SecondMap, TheSoundGuidedMapBesideTheQuestionGuidedOneOnTheSameFrame) {
  avqa::test::ContractSetup setup;
  avqa::MainWindow window;
  window.show();
  QSignalSpy errors(&window, &avqa::MainWindow::errorShown);
  avqa::test::loadModelAndWait(window, setup.model);
  QSignalSpy video_ready(&window, &avqa::MainWindow::videoReady);
  window.openVideo(QString::fromStdString(setup.video));
  ASSERT_TRUE(video_ready.wait(30000)) << avqa::test::firstError(errors);
  window.setHeatmapKind(avqa::HeatmapKind::QuestionGuided);
  QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
  window.ask(QStringLiteral("Is there a violin sound?"));
  ASSERT_TRUE(answered.wait(60000)) << avqa::test::firstError(errors);
  EXPECT_FALSE(window.secondMap()->isShown());
  window.showSecondMap(true);
  window.showStep(1);
  ASSERT_TRUE(window.secondMap()->isShown());
  EXPECT_EQ(window.secondMap()->kind(), avqa::HeatmapKind::SoundGuided);
  ASSERT_TRUE(window.videoView()->hasHeatmap());
  ASSERT_TRUE(window.secondMap()->view()->hasHeatmap());
  EXPECT_EQ(avqa::test::argmax(window.videoView()->heatmap().weights), 1);            // red: question-guided
  EXPECT_EQ(avqa::test::argmax(window.secondMap()->view()->heatmap().weights), 2);    // blue: sound-guided
  EXPECT_FALSE(window.secondMap()->view()->frame().isNull());                          // the same frame, shown
  // Swapping the first map swaps the second.
  window.setHeatmapKind(avqa::HeatmapKind::SoundGuided);
  EXPECT_EQ(window.secondMap()->kind(), avqa::HeatmapKind::QuestionGuided);
  EXPECT_EQ(avqa::test::argmax(window.secondMap()->view()->heatmap().weights), 1);
}

}  // namespace
