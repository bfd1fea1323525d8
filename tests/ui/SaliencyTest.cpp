// Gradient saliency in the window: chosen beside the attention maps, computed by the ask,
// drawn with the same overlay and timeline, labelled as saliency, stored and restored.
#include <gtest/gtest.h>

#include <QSignalSpy>

#include "InspectorSession.h"
#include "MainWindow.h"
#include "TimelineView.h"
#include "VideoView.h"
#include "storage/AskStore.h"
#include "storage/ProjectStore.h"
#include "WindowTestSupport.h"

namespace {

using avqa::test::ContractSetup;
using avqa::test::argmax;
using avqa::test::firstError;

TEST(Saliency, ChosenInTheWindowItIsComputedShownLabelledStoredAndRestored) {
  ContractSetup setup;
  const std::string model = setup.dir.file("m/one-patch-one-second.pt");  // logits only; reads patch 3 at step 1
  avqa::ProjectStore(setup.project, avqa::DbConnection::OpenMode::CreateIfMissing);
  {
    avqa::MainWindow window;
    window.show();
    QSignalSpy errors(&window, &avqa::MainWindow::errorShown);
    avqa::test::loadModelAndWait(window, model);
    avqa::test::openProjectAndVideo(window, setup.project, setup.video);
    QSignalSpy answered(&window, &avqa::MainWindow::answerShown);

    // Attention first: this model has none, and the window says so instead of drawing nothing.
    window.setHeatmapKind(avqa::HeatmapKind::QuestionGuided);
    window.ask(QStringLiteral("Is there a violin?"));
    ASSERT_TRUE(answered.wait(60000)) << firstError(errors);
    EXPECT_FALSE(window.outcome()->result.prediction.saliency.has_value());  // only computed when chosen
    EXPECT_FALSE(window.videoView()->hasHeatmap());
    EXPECT_TRUE(window.session().mapNotice().contains(QStringLiteral("has no patch map"))) << window.session().mapNotice().toStdString();

    window.setHeatmapKind(avqa::HeatmapKind::Saliency);
    EXPECT_TRUE(window.session().mapNotice().contains(QStringLiteral("no saliency yet"))) << window.session().mapNotice().toStdString();
    window.ask(QStringLiteral("Is there a violin?"));
    ASSERT_TRUE(answered.wait(60000)) << firstError(errors);
    ASSERT_TRUE(window.outcome()->result.prediction.saliency.has_value());
    window.showStep(1);
    ASSERT_TRUE(window.videoView()->hasHeatmap());
    EXPECT_EQ(argmax(window.videoView()->heatmap().weights), 3);  // the grey lower-right patch
    EXPECT_TRUE(window.session().mapNotice().contains(QStringLiteral("not where the model looked"))) << window.session().mapNotice().toStdString();
    window.showStep(2);
    EXPECT_FALSE(window.videoView()->hasHeatmap());  // nothing at step 2 moved the answer
    ASSERT_EQ(window.timeline()->curves().size(), 1u);
    const avqa::TimelineCurve& curve = window.timeline()->curves().front();
    EXPECT_TRUE(curve.name.startsWith(QStringLiteral("saliency · "))) << curve.name.toStdString();
    EXPECT_EQ(argmax(curve.temporal), 1);
  }
  {
    avqa::ProjectStore project(setup.project, avqa::DbConnection::OpenMode::MustExist);
    EXPECT_EQ(avqa::AskStore(project).forVideo("clip").size(), 2u);
  }
  // Reopened without the model: the stored saliency comes back with its ask.
  avqa::MainWindow window;
  window.show();
  window.setHeatmapKind(avqa::HeatmapKind::Saliency);
  QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
  avqa::test::openProjectAndVideo(window, setup.project, setup.video);
  while (answered.count() < 2) ASSERT_TRUE(answered.wait(30000));
  ASSERT_TRUE(window.outcome()->restored);
  ASSERT_TRUE(window.outcome()->result.prediction.saliency.has_value());
  EXPECT_EQ(window.outcome()->result.prediction.saliency->answer, "four");
  window.showStep(1);
  ASSERT_TRUE(window.videoView()->hasHeatmap());
  EXPECT_EQ(argmax(window.videoView()->heatmap().weights), 3);
}

}  // namespace
