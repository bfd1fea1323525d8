// "Does the map listen?" in the real window: the question on screen is asked again in silence
// and with the next video's sound; A/B holds both answers, named by what the model heard. A
// model whose sound map follows the audio moves it; the contract model, deaf, does not.
#include <gtest/gtest.h>

#include <QPushButton>
#include <QSignalSpy>
#include <filesystem>

#include "AnswerView.h"
#include "AskPanel.h"
#include "MainWindow.h"
#include "SoundCheck.h"
#include "WindowTestSupport.h"
#include "support/TestVideos.h"

namespace {

double largestDifference(const avqa::AskOutcome& a, const avqa::AskOutcome& b) {
  const auto& ma = a.result.prediction.sound_spatial;
  const auto& mb = b.result.prediction.sound_spatial;
  if (!ma || !mb || ma->values.size() != mb->values.size()) return -1.0;
  double largest = 0.0;
  for (std::size_t i = 0; i < ma->values.size(); ++i) largest = std::max(largest, std::abs(double(ma->values[i]) - mb->values[i]));
  return largest;
}

void askAndWait(avqa::MainWindow& window, const std::function<void()>& ask) {
  QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
  QSignalSpy errors(&window, &avqa::MainWindow::errorShown);
  ask();
  ASSERT_TRUE(answered.wait(60000)) << avqa::test::firstError(errors);
}

TEST(SoundCheck, SilenceAndAnotherVideosSoundMoveAListeningMapOnly) {
  avqa::test::ContractSetup setup;
  std::filesystem::create_directories(setup.dir.file("clips"));
  const std::string first = setup.dir.file("clips/a.mp4");
  avqa::test::writeRedBlueVideo(first, 6, 320, 240);
  avqa::test::writeRedBlueVideo(setup.dir.file("clips/b.mp4"), 3, 320, 240);  // its tone ends sooner: other sound
  for (const char* model : {"sound-follower.pt", "contract.pt"}) {
    avqa::MainWindow window;
    window.show();
    avqa::test::loadModelAndWait(window, setup.dir.file(std::string("m/") + model));
    QSignalSpy video_ready(&window, &avqa::MainWindow::videoReady);
    window.openVideo(QString::fromStdString(first));
    ASSERT_TRUE(video_ready.wait(30000));
    avqa::SoundCheck& check = *window.soundCheck();
    EXPECT_FALSE(check.silenceButton()->isEnabled()) << "nothing asked yet";
    askAndWait(window, [&] { window.ask(QStringLiteral("Is there a violin sound?")); });
    ASSERT_TRUE(check.silenceButton()->isEnabled());
    askAndWait(window, [&] { check.silenceButton()->click(); });
    ASSERT_TRUE(window.previousOutcome().has_value());
    EXPECT_EQ(window.outcome()->hearing, avqa::Hearing::Silence);
    EXPECT_TRUE(window.session().comparing()) << "A/B shows both answers";
    const QString source = window.askPanel()->answerView().sourceText();
    EXPECT_TRUE(source.contains(QStringLiteral("in silence"))) << source.toStdString();
    const double silence_moved = largestDifference(*window.outcome(), *window.previousOutcome());
    askAndWait(window, [&] { check.otherSoundButton()->click(); });
    EXPECT_EQ(QFileInfo(window.outcome()->audio_path).fileName(), QStringLiteral("b.mp4"));
    EXPECT_EQ(window.outcome()->hearing, avqa::Hearing::Recorded);
    const double swap_moved = largestDifference(*window.outcome(), *window.previousOutcome());
    if (std::string(model) == "sound-follower.pt") {
      EXPECT_GT(silence_moved, 1e-3) << "a map that follows the sound moves in silence";
      EXPECT_GT(swap_moved, 1e-3);
    } else {
      EXPECT_NEAR(silence_moved, 0.0, 1e-6) << "the deaf map stays";
      EXPECT_NEAR(swap_moved, 0.0, 1e-6);
    }
  }
}

}  // namespace
