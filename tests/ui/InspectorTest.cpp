// The inspector as a person uses it, in a real window under Xvfb (OpenGL through Mesa):
// load a model, open a video, ask; the answer shows and the heatmap glows on the right patch.
#include <gtest/gtest.h>

#include <QApplication>
#include <QMediaPlayer>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

#include <filesystem>

#include "DemoStartup.h"
#include "FigureExport.h"
#include "HeatmapPainter.h"
#include "MainWindow.h"
#include "TimelineView.h"
#include "VideoView.h"
#include "support/TempDir.h"
#include "support/TestVideos.h"
#include "WindowTestSupport.h"

namespace {

TEST(Inspector, AskShowsTheAnswerAndTheHeatmapOnTheRedPatch) {
  avqa::test::TempDir dir;
  ASSERT_EQ(std::system(("/usr/bin/python3 " + std::string(AVQA_TESTS_DIR) + "/models/make_models.py " + dir.file("m")).c_str()), 0);
  avqa::test::writeRedBlueVideo(dir.file("clip.mp4"), 6, 320, 240);
  qputenv("AVQA_CACHE_DIR", QByteArray::fromStdString(dir.file("cache")));
  avqa::test::writeBytes(dir.file("broken.mp4"), "not a video");

  avqa::MainWindow window;
  window.show();
  QSignalSpy ready(&window, &avqa::MainWindow::modelReady);
  QSignalSpy errors(&window, &avqa::MainWindow::errorShown);
  window.loadModel(QString::fromStdString(dir.file("m/contract.pt")));
  ASSERT_TRUE(ready.wait(60000)) << (errors.isEmpty() ? "" : errors.first().first().toString().toStdString());
  QSignalSpy video_ready(&window, &avqa::MainWindow::videoReady);
  QSignalSpy audio_shown(&window, &avqa::MainWindow::audioShown);
  window.openVideo(QString::fromStdString(dir.file("clip.mp4")));
  ASSERT_TRUE(video_ready.wait(30000));
  ASSERT_TRUE(audio_shown.count() > 0 || audio_shown.wait(30000));
  EXPECT_TRUE(window.timeline()->hasAudio());
  QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
  window.ask(QStringLiteral("Is there a violin sound?"));
  ASSERT_TRUE(answered.wait(60000)) << (errors.isEmpty() ? "" : errors.first().first().toString().toStdString());
  ASSERT_TRUE(window.outcome().has_value());
  EXPECT_EQ(window.outcome()->result.prediction.answer(), "five");
  EXPECT_TRUE(window.videoView()->hasHeatmap());
  // Token attention tints every word the model read (the test model spreads it evenly).
  for (const char* word : {"is", "there", "a", "violin", "sound"}) {
    EXPECT_TRUE(window.tokenText().contains(QStringLiteral(">%1</span>").arg(word))) << word;
  }

  QApplication::processEvents();
  const QImage shown = window.videoView()->grabFramebuffer();
  const QRectF frame = window.videoView()->frameRect();
  const auto sample = [&](double fx, double fy) {
    return QColor(shown.pixel(static_cast<int>(frame.left() + fx * frame.width()), static_cast<int>(frame.top() + fy * frame.height())));
  };
  const QColor on_red = sample(0.75, 0.25);   // the patch the question-guided map points at
  const QColor on_blue = sample(0.25, 0.75);  // a patch it ignores
  // Inferno's hot end is yellow-white: blended over pure red, green rises far above the
  // red square's 20; the ignored blue patch keeps its colour.
  EXPECT_GT(on_red.green(), 100) << on_red.name().toStdString();
  EXPECT_GT(on_blue.blue(), 180) << on_blue.name().toStdString();
  EXPECT_LT(on_blue.green(), 80) << on_blue.name().toStdString();
  // What the screen shows (the GL window inside the main window) has the same colours.
  window.raise();
  QTest::qWait(100);
  const QImage window_image = avqa::test::screenPixels(window);
  const QPoint view_origin = window.videoView()->mapTo(&window, QPoint(0, 0));
  const QColor composited(window_image.pixel(view_origin.x() + static_cast<int>(frame.left() + 0.75 * frame.width()),
                                             view_origin.y() + static_cast<int>(frame.top() + 0.25 * frame.height())));
  EXPECT_NEAR(composited.red(), on_red.red(), 8);
  EXPECT_NEAR(composited.green(), on_red.green(), 8);
  // Figure > Save figure keeps the same overlay: the frame, centred under a 56-pixel caption.
  const QImage figure = window.figures()->figure();
  const QRect frame_px = frame.toAlignedRect();
  const int frame_left = (figure.width() - frame_px.width()) / 2;  // centred above the timeline
  const QColor in_figure(
      figure.pixel(frame_left + static_cast<int>(0.75 * frame_px.width()), 56 + static_cast<int>(0.25 * frame_px.height())));
  EXPECT_NEAR(in_figure.green(), on_red.green(), 12) << in_figure.name().toStdString();
  EXPECT_GT(figure.height(), frame_px.height() + 56) << "the timeline is below the frame";

  // Playback: frames arrive through QtMultimedia's FFmpeg backend (silently: no sound device).
  QSignalSpy position(window.player(), &QMediaPlayer::positionChanged);
  window.togglePlayback();
  // Waits poll for the state, so a loaded machine (the CI runs suites side by side) only slows them.
  QTest::qWaitFor([&] { return window.player()->position() > 300; }, 30000);
  EXPECT_GT(window.player()->position(), 300) << "playback did not advance";
  EXPECT_GT(position.count(), 0);
  window.togglePlayback();  // pause
  QTest::qWaitFor([&] { return window.player()->playbackState() == QMediaPlayer::PausedState; }, 30000);
  EXPECT_EQ(window.player()->playbackState(), QMediaPlayer::PausedState);

  // Exact frame steps while paused: 12 steps of 1/12 s from second 1 land in second 2.
  QSignalSpy stepped(&window, &avqa::MainWindow::frameStepped);
  window.seekTo(1.0);
  QTest::qWait(300);
  for (int i = 0; i < 12; ++i) {
    window.stepFrames(1);
    ASSERT_TRUE(stepped.wait(10000));
  }
  EXPECT_NEAR(stepped.last().first().toDouble(), 2.0 + 1.0 / 24.0, 0.1);

  QApplication::processEvents();  // let the layout settle before the picture
  if (const QByteArray shots = qgetenv("AVQA_SCREENSHOT_DIR"); !shots.isEmpty()) {
    avqa::test::windowPicture(window).save(QString::fromUtf8(shots) + QStringLiteral("/inspector.png"));
    shown.save(QString::fromUtf8(shots) + QStringLiteral("/video-view.png"));
  }

  // A broken file is reported in the window, which stays up with its answer.
  window.openVideo(QString::fromStdString(dir.file("broken.mp4")));
  ASSERT_TRUE(errors.wait(30000));
  EXPECT_TRUE(errors.last().first().toString().contains(QString::fromStdString(dir.file("broken.mp4"))));
  EXPECT_TRUE(window.outcome().has_value());
}

// The headless twin of the shader: hot where the weight is, untouched where it is zero, and
// mirrored with a _flip video.
// `avqa-lens` without arguments: the demo is made on first run, the shipped AV-Master loads,
// a question is typed in and Ctrl+Enter answers it with its attention on the frame.
TEST(DemoStartup, FirstRunMakesTheDemoAndTheShippedModelAnswers) {
  avqa::test::TempDir dir;
  qputenv("AVQA_CACHE_DIR", QByteArray::fromStdString(dir.file("cache")));
  avqa::MainWindow window;
  window.resize(1100, 800);
  window.show();
  QSignalSpy model_ready(&window, &avqa::MainWindow::modelReady);
  QSignalSpy video_ready(&window, &avqa::MainWindow::videoReady);
  QSignalSpy errors(&window, &avqa::MainWindow::errorShown);
  avqa::DemoStartup startup(window, QString::fromStdString(dir.file("demo")), QStringLiteral(AVQA_WEIGHTS_DIR "/avmaster.avqamodel"));
  QSignalSpy demo_ready(&startup, &avqa::DemoStartup::demoReady);
  startup.start();
  ASSERT_TRUE(demo_ready.wait(120000));
  ASSERT_TRUE(model_ready.count() > 0 || model_ready.wait(60000)) << (errors.isEmpty() ? "" : errors.first().first().toString().toStdString());
  ASSERT_TRUE(video_ready.count() > 0 || video_ready.wait(30000));
  EXPECT_TRUE(std::filesystem::is_regular_file(dir.file("demo/demo.avqa")));
  EXPECT_TRUE(std::filesystem::is_regular_file(dir.file("demo/benchmark/groundtruth.json")));

  QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
  window.activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
  QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);  // the question is already typed in
  ASSERT_TRUE(answered.wait(60000)) << (errors.isEmpty() ? "" : errors.first().first().toString().toStdString());
  const avqa::Prediction& prediction = window.outcome()->result.prediction;
  EXPECT_EQ(prediction.steps.size(), 10u);
  EXPECT_TRUE(prediction.spatial.has_value()) << "AV-Master's band map";
  window.showStep(4);  // a second the ukulele sounds
  QApplication::processEvents();
  EXPECT_TRUE(window.videoView()->hasHeatmap());
  EXPECT_FALSE(window.session().mapNotice().contains(QStringLiteral(" map is shown"))) << window.session().mapNotice().toStdString();
  if (const QByteArray shots = qgetenv("AVQA_SCREENSHOT_DIR"); !shots.isEmpty()) {
    avqa::test::windowPicture(window).save(QString::fromUtf8(shots) + QStringLiteral("/demo-avmaster.png"));
  }
  // The other shipped models answer the same question in the same window: each answer is that
  // model's, and each shows its question-guided map (AVST's and AV-Master's are band maps).
  const QString question = window.outcome()->question;
  for (const char* name : {"avst", "pstp", "avunified"}) {
    const int ready_before = model_ready.count(), answered_before = answered.count();
    window.loadModel(QStringLiteral(AVQA_WEIGHTS_DIR "/%1.avqamodel").arg(QLatin1String(name)));
    ASSERT_TRUE(model_ready.count() > ready_before || model_ready.wait(60000)) << name;
    window.ask(question);
    ASSERT_TRUE(answered.count() > answered_before || answered.wait(60000)) << name;
    EXPECT_EQ(window.outcome()->question, question) << name;
    EXPECT_EQ(window.outcome()->model_name, window.session().modelName()) << name << ": the answer is the loaded model's";
    window.showStep(4);  // a second the ukulele sounds
    QApplication::processEvents();
    EXPECT_TRUE(window.videoView()->hasHeatmap()) << name;
    EXPECT_EQ(window.session().shownHeatmapKind(), avqa::HeatmapKind::QuestionGuided) << name;
    EXPECT_FALSE(window.session().mapNotice().contains(QStringLiteral("no question-guided map"))) << name << ": " << window.session().mapNotice().toStdString();
    if (const QByteArray shots = qgetenv("AVQA_SCREENSHOT_DIR"); !shots.isEmpty()) {
      avqa::test::windowPicture(window).save(QString::fromUtf8(shots) + QStringLiteral("/demo-%1.png").arg(QLatin1String(name)));
    }
  }
  // A second start finds the demo instead of making it again.
  // (The project file itself changes: it stores every answer.)
  const auto made = std::filesystem::last_write_time(dir.file("demo/benchmark/avqa-test.json"));
  avqa::DemoStartup again(window, QString::fromStdString(dir.file("demo")), QString());
  QSignalSpy ready_again(&again, &avqa::DemoStartup::demoReady);
  again.start();
  ASSERT_TRUE(ready_again.wait(30000));
  EXPECT_EQ(std::filesystem::last_write_time(dir.file("demo/benchmark/avqa-test.json")), made);
}

TEST(DemoStartup, ClosingWhileTheDemoIsMadeCancelsItCleanly) {
  avqa::test::TempDir dir;
  avqa::MainWindow window;
  {
    avqa::DemoStartup startup(window, QString::fromStdString(dir.file("demo")), QString());
    startup.start();
    QTest::qWait(400);  // a few videos in; then the window goes away
  }
  QTest::qWait(100);
  EXPECT_FALSE(std::filesystem::exists(dir.file("demo/.complete"))) << "a cancelled demo is not marked complete";
  EXPECT_TRUE(window.outcome() == std::nullopt);
}

TEST(HeatmapPainter, BlendsOnThePatchAndMirrors) {
  QImage frame(320, 240, QImage::Format_RGB32);
  frame.fill(qRgb(128, 128, 128));
  avqa::FrameHeatmap heat;
  heat.weights = {0.0f, 1.0f, 0.0f, 0.0f};  // patch (0, 1): top right
  heat.rows = 2;
  heat.columns = 2;
  const QImage out = avqa::blendHeatmap(frame, heat, avqa::Colormap::Inferno, 0.65f, avqa::HeatmapSampling::Blocky);
  EXPECT_GT(qGreen(out.pixel(240, 60)), 180);  // inferno's hot end (250, 255, 168) over grey
  EXPECT_EQ(out.pixel(80, 180), qRgb(128, 128, 128));
  heat.mirror = avqa::Mirror::Horizontal;
  const QImage mirrored = avqa::blendHeatmap(frame, heat, avqa::Colormap::Inferno, 0.65f, avqa::HeatmapSampling::Blocky);
  EXPECT_GT(qGreen(mirrored.pixel(80, 60)), 180);
  EXPECT_EQ(mirrored.pixel(240, 60), qRgb(128, 128, 128));
  // center-square on a wide frame leaves the side bands alone.
  heat.mirror = avqa::Mirror::None;
  heat.crop = "center-square";
  heat.weights = {1.0f, 1.0f, 1.0f, 1.0f};
  const QImage wide = avqa::blendHeatmap(QImage(frame.scaled(480, 240)), heat, avqa::Colormap::Jet, 0.65f, avqa::HeatmapSampling::Smooth);
  EXPECT_EQ(wide.pixel(10, 120), qRgb(128, 128, 128));
  EXPECT_NE(wide.pixel(240, 120), qRgb(128, 128, 128));
}

}  // namespace

int main(int argc, char** argv) {
  qputenv("QT_MEDIA_BACKEND", "ffmpeg");
  QApplication application(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
