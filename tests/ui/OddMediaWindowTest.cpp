// Odd media in the real window: a VP9/Opus WebM at 321x241 and 7 fps opens and is answered;
// an audio-only file, a folder named .mp4 and text named .mp4 are refused in the error line
// with the file named, and the window stays up.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <filesystem>

#include "MainWindow.h"
#include "WindowTestSupport.h"

namespace {

std::string ffmpeg(const avqa::test::TempDir& dir, const std::string& name, const std::string& inputs, const std::string& args) {
  const std::string path = dir.file(name);
  const std::string command = "ffmpeg -nostdin -loglevel error -y " + inputs + " " + args + " '" + path + "'";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  return path;
}

TEST(OddMediaWindow, AnOddWebmIsAnsweredAndBrokenFilesAreNamedInTheErrorLine) {
  avqa::test::ContractSetup setup;
  avqa::MainWindow window;
  window.show();
  avqa::test::loadModelAndWait(window, setup.model);
  const std::string webm = ffmpeg(setup.dir, "odd size.webm",
                                  "-f lavfi -i testsrc=size=321x241:rate=7:duration=4 -f lavfi -i sine=duration=4",
                                  "-pix_fmt yuv420p -c:v libvpx-vp9 -b:v 100k -deadline realtime -c:a libopus -shortest");
  QSignalSpy video_ready(&window, &avqa::MainWindow::videoReady);
  window.openVideo(QString::fromStdString(webm));
  ASSERT_TRUE(video_ready.wait(30000));
  QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
  QSignalSpy errors(&window, &avqa::MainWindow::errorShown);
  window.ask(QStringLiteral("Is there a violin sound?"));
  ASSERT_TRUE(answered.wait(60000)) << avqa::test::firstError(errors);
  EXPECT_FALSE(window.outcome()->result.prediction.answer().empty());

  const std::string audio_only = ffmpeg(setup.dir, "audio only.mp4", "-f lavfi -i sine=duration=2", "-c:a aac");
  const std::string folder = setup.dir.file("folder.mp4");
  std::filesystem::create_directories(folder);
  const std::string text = setup.dir.file("notes.mp4");
  avqa::test::writeBytes(text, "not a video\n");
  for (const std::string& broken : {audio_only, folder, text}) {
    QSignalSpy refused(&window, &avqa::MainWindow::errorShown);
    window.openVideo(QString::fromStdString(broken));
    ASSERT_TRUE(refused.wait(30000)) << broken;
    EXPECT_NE(avqa::test::firstError(refused).find(broken), std::string::npos) << avqa::test::firstError(refused);
    EXPECT_TRUE(window.isVisible());
  }
}

}  // namespace
