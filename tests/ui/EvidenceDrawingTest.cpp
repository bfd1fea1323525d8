// Evidence drawn by hand in the real window under Xvfb: a drag on the paused frame boxes the
// red square, a drag on the timeline marks seconds 2-4, "Store evidence" writes it as an edit
// of the project question on screen, export-evidence writes the box the test video's
// generator painted, and "Undo evidence" takes it back.
#include <gtest/gtest.h>

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <filesystem>

#include "DatasetDock.h"
#include "EvidenceEditor.h"
#include "MainWindow.h"
#include "TimelineView.h"
#include "VideoView.h"
#include "WindowTestSupport.h"
#include "storage/AskStore.h"
#include "storage/ProjectEvidence.h"
#include "support/TestVideos.h"

namespace {

constexpr const char* kQuestion = "How many musical instruments were heard throughout the video?";

QPoint onScreen(const avqa::VideoView& view, double x, double y) {
  const QRectF frame = view.frameRect();
  return QPointF(frame.left() + x / view.frame().width() * frame.width(),
                 frame.top() + y / view.frame().height() * frame.height())
      .toPoint();
}

TEST(EvidenceDrawing, ABoxAndSecondsDrawnInTheWindowAreStoredExportedAndUndone) {
  avqa::test::ContractSetup setup;
  std::filesystem::create_directories(setup.dir.file("videos"));
  const std::string video = setup.dir.file("videos/00000007.mp4");
  avqa::test::writeRedBlueVideo(video, 6, 320, 240);
  std::int64_t row = 0;
  {
    avqa::ProjectStore store(setup.project, avqa::DbConnection::OpenMode::CreateIfMissing);
    const std::string record = std::string(R"([{"video_id": "00000007", "question_id": 5, "type": "[\"Audio\", \"Counting\"]", )") +
                               R"("question_content": ")" + kQuestion +
                               R"(", "templ_values": "[]", "question_deleted": 0, "anser": "two"}])";
    const auto split = store.importSplit("test", avqa::parseMusicAvqaText(record, "test.json"), avqa::ExistingPolicy::Refuse);
    avqa::VideoFolders(store).add(setup.dir.file("videos"));
    row = store.questions(split.split_id, avqa::QuestionDetail::AnalysisFields).front().row;
  }
  avqa::MainWindow window;
  window.resize(1200, 900);
  window.show();
  avqa::test::loadModelAndWait(window, setup.model);
  QSignalSpy dock_loaded(window.datasetDock(), &avqa::DatasetDock::loaded);
  QSignalSpy audio_shown(&window, &avqa::MainWindow::audioShown);  // the timeline knows the duration then
  avqa::test::openProjectAndVideo(window, setup.project, video);
  ASSERT_TRUE(dock_loaded.count() > 0 || dock_loaded.wait(30000));
  ASSERT_TRUE(audio_shown.count() > 0 || audio_shown.wait(30000));
  window.setQuestion(QString::fromUtf8(kQuestion));
  avqa::EvidenceEditor& editor = *window.evidenceEditor();
  ASSERT_TRUE(editor.drawButton()->isEnabled()) << "the question on screen is the project's";
  editor.drawButton()->click();
  QTest::qWait(50);

  avqa::VideoView& view = *window.videoView();
  QTest::mousePress(&view, Qt::LeftButton, Qt::NoModifier, onScreen(view, 160, 0));
  QTest::mouseRelease(&view, Qt::LeftButton, Qt::NoModifier, onScreen(view, 320, 120));
  avqa::TimelineView& timeline = *window.timeline();
  const int y = timeline.height() / 2;
  QTest::mousePress(&timeline, Qt::LeftButton, Qt::NoModifier, QPoint(static_cast<int>(timeline.xAt(2.2)), y));
  QTest::mouseRelease(&timeline, Qt::LeftButton, Qt::NoModifier, QPoint(static_cast<int>(timeline.xAt(4.6)), y));
  ASSERT_EQ(editor.pending().boxes.size(), 1u);
  EXPECT_EQ(editor.pending().seconds, (std::vector<int>{2, 3, 4}));
  EXPECT_EQ(view.evidenceBoxes().size(), 1u) << "the box being drawn is shown";

  QSignalSpy reloaded(window.datasetDock(), &avqa::DatasetDock::loaded);
  editor.storeButton()->click();
  ASSERT_TRUE(reloaded.wait(30000));
  {
    avqa::ProjectStore store(setup.project, avqa::DbConnection::OpenMode::MustExist);
    const auto evidence = avqa::loadProjectEvidence(store);
    ASSERT_EQ(evidence.count(row), 1u);
    EXPECT_EQ(evidence.at(row).seconds, (std::vector<int>{2, 3, 4}));
  }
  // The generator painted the red square over x 160-320, y 0-120 (within a screen pixel).
  // Not beside the videos' folder: a groundtruth.json there is read as the benchmark's.
  std::filesystem::create_directories(setup.dir.file("export"));
  const std::string out = setup.dir.file("export/groundtruth.json");
  const std::string command = std::string(AVQA_LENS_EXE) + " export-evidence " + setup.project + " --split test --out " + out;
  ASSERT_EQ(std::system(command.c_str()), 0);
  const auto exported = avqa::readEvidenceFile(out);
  ASSERT_EQ(exported.count("5"), 1u);
  ASSERT_EQ(exported.at("5").boxes.size(), 1u);
  const QRectF box = exported.at("5").boxes.front();
  EXPECT_NEAR(box.left(), 160, 1.0);
  EXPECT_NEAR(box.top(), 0, 1.0);
  EXPECT_NEAR(box.right(), 320, 1.0);
  EXPECT_NEAR(box.bottom(), 120, 1.0);
  EXPECT_EQ(view.evidenceBoxes().size(), 1u) << "the stored evidence is the question's now";

  QSignalSpy undone(window.datasetDock(), &avqa::DatasetDock::loaded);
  QSignalSpy errors(&window, &avqa::MainWindow::errorShown);
  ASSERT_TRUE(editor.undoButton()->isEnabled());
  editor.undoButton()->click();
  ASSERT_TRUE(undone.wait(30000)) << avqa::test::firstError(errors);
  EXPECT_EQ(errors.count(), 0) << avqa::test::firstError(errors);
  avqa::ProjectStore store(setup.project, avqa::DbConnection::OpenMode::MustExist);
  EXPECT_EQ(avqa::loadProjectEvidence(store).count(row), 0u);
  EXPECT_TRUE(view.evidenceBoxes().empty());
}

}  // namespace
