// A model that runs on released .npy features (vggish, CLIP CLS + 7x7 patches) and has no
// encoders answers in the window from the project's feature folders, and is refused with
// the missing kind named when they do not hold the video.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <filesystem>

#include "FileMenu.h"
#include "InspectorSession.h"
#include "MainWindow.h"
#include "VideoView.h"
#include "storage/FeatureFolders.h"
#include "storage/ProjectStore.h"
#include "WindowTestSupport.h"

namespace {

using avqa::test::ContractSetup;
using avqa::test::argmax;
using avqa::test::firstError;

TEST(ProjectFeatures, ANpyModelAnswersInTheWindowFromTheProjectsFeatureFolder) {
  ContractSetup setup;
  avqa::ProjectStore(setup.project, avqa::DbConnection::OpenMode::CreateIfMissing);
  avqa::MainWindow window;
  window.show();
  QSignalSpy errors(&window, &avqa::MainWindow::errorShown);
  avqa::test::loadModelAndWait(window, setup.dir.file("m/npy-contract.pt"));
  avqa::test::openProjectAndVideo(window, setup.project, setup.video);

  // No feature folder yet: the ask is refused, naming what is missing and what to do.
  QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
  window.ask(QStringLiteral("Is there a violin?"));
  ASSERT_TRUE(errors.wait(30000));
  EXPECT_TRUE(firstError(errors).find("has no feature folder (File > Add feature folder") != std::string::npos) << firstError(errors);

  // File > Add feature folder (m/features holds vggish/clip.npy and clip_vit_b32/clip.npy).
  QSignalSpy changed(window.fileMenu(), &avqa::FileMenu::projectChanged);
  window.fileMenu()->addFeatureFolder(QString::fromStdString(setup.dir.file("m/features")));
  ASSERT_TRUE(changed.wait(30000)) << firstError(errors);
  {
    avqa::ProjectStore project(setup.project, avqa::DbConnection::OpenMode::MustExist);
    // Inside the project's folder: stored relative, read back absolute.
    EXPECT_EQ(avqa::FeatureFolders(project).absolutePaths(),
              std::vector<std::string>{std::filesystem::path(setup.dir.file("m/features")).lexically_normal().string()});
  }
  window.setHeatmapKind(avqa::HeatmapKind::QuestionGuided);
  window.ask(QStringLiteral("Is there a violin?"));
  ASSERT_TRUE(answered.wait(60000)) << firstError(errors);
  const avqa::Prediction& p = window.outcome()->result.prediction;
  EXPECT_EQ(p.answer(), "four");                    // four words
  ASSERT_EQ(p.steps.size(), 4u);
  EXPECT_EQ(argmax(*p.temporal), 3);                // vggish row r holds r: the last step is loudest
  EXPECT_EQ(p.grid, (std::vector<int>{7, 7}));
  window.showStep(1);
  ASSERT_TRUE(window.videoView()->hasHeatmap());
  EXPECT_EQ(argmax(window.videoView()->heatmap().weights), 10);  // the patch the .npy marks
}

}  // namespace
