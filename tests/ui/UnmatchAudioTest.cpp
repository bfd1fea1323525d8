// MUSIC-AVQA-v2.0 unmatch_audio questions in the main window: played and asked with another video's sound.
// project and shown again on reopening, A/B comparison, the dataset dock, the template
// question box, presentation mode, remembered settings, and the GUI thread's responsiveness.
#include <gtest/gtest.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMediaPlayer>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "AnswerView.h"
#include "AskPanel.h"
#include "DatasetDock.h"
#include "FileMenu.h"
#include "MainWindow.h"
#include "PresentationWindow.h"
#include "QuestionBox.h"
#include "TimelineView.h"
#include "UiSettings.h"
#include "VideoView.h"
#include "WorkspaceWindow.h"
#include "QuestionsTab.h"
#include "AttentionTab.h"
#include "BalanceDashboard.h"
#include "EvaluationTab.h"
#include "VideoPlayback.h"
#include "media/Mp4Writer.h"
#include "storage/AskStore.h"
#include "synthetic/DemoProject.h"
#include "support/TempDir.h"
#include "support/TestVideos.h"
#include "WindowTestSupport.h"

using avqa::test::ContractSetup;
using avqa::test::argmax;
using avqa::test::firstError;
using avqa::test::loadModelAndWait;

namespace {

// A grey video whose sound is loud only in second `loud_second`.
void writeToneVideo(const std::string& path, int seconds, int loud_second) {
  avqa::Mp4Format format;
  format.width = 160;
  format.height = 120;
  avqa::Mp4Writer writer(path, format);
  QImage frame(160, 120, QImage::Format_RGB32);
  frame.fill(qRgb(90, 90, 90));
  for (int i = 0; i < seconds * format.fps; ++i) writer.writeVideoFrame(frame);
  std::vector<float> tone(static_cast<std::size_t>(seconds * 16000));
  for (std::size_t i = 0; i < tone.size(); ++i) {
    const double amplitude = static_cast<int>(i / 16000) == loud_second ? 0.8 : 0.02;
    tone[i] = static_cast<float>(amplitude * std::sin(2.0 * 3.14159265358979 * 500.0 * static_cast<double>(i) / 16000.0));
  }
  writer.writeAudio(tone);
  writer.finish();
}

// MUSIC-AVQA-v2.0 unmatch_audio: the question plays (and is asked) with another video's sound.
TEST(MainWindow, UnmatchAudioQuestionsPlayAndAskWithTheOtherVideosSound) {
  ContractSetup setup;
  std::filesystem::create_directories(setup.dir.file("videos"));
  avqa::test::writeRedBlueVideo(setup.dir.file("videos/clip.mp4"), 6, 320, 240);  // loud in second 2
  writeToneVideo(setup.dir.file("videos/other.mp4"), 6, 1);                      // loud in second 1
  avqa::test::writeBytes(setup.dir.file("q.json"),
                         R"([{"video_id": "clip", "question_id": 1, "type": ["Audio", "Counting"], "question_content": "Is there a <Object> sound?", "templ_values": ["violin"], "anser": "yes"},
{"video_id": "clip", "question_id": 2, "type": ["Audio", "Counting"], "question_content": "Is there a <Object> sound?", "templ_values": ["cello"], "anser": "no", "unmatch_audio": "other"}])");
  {
    avqa::ProjectStore store(setup.project, avqa::DbConnection::OpenMode::CreateIfMissing);
    store.importSplit("test", avqa::readMusicAvqaFile(setup.dir.file("q.json")), avqa::ExistingPolicy::Refuse);
    avqa::VideoFolders(store).add(setup.dir.file("videos"));
  }
  avqa::MainWindow window;
  window.show();
  QSignalSpy errors(&window, &avqa::MainWindow::errorShown);
  loadModelAndWait(window, setup.model);
  QSignalSpy loaded(window.datasetDock(), &avqa::DatasetDock::loaded);
  window.openProject(QString::fromStdString(setup.project));
  ASSERT_TRUE(loaded.wait(30000));
  const auto peak_second_after_asking = [&](int shown_row) {
    QSignalSpy video_ready(&window, &avqa::MainWindow::videoReady);
    window.datasetDock()->chooseShownRow(shown_row);
    if (window.outcome() == std::nullopt) {
      EXPECT_TRUE(video_ready.count() > 0 || video_ready.wait(30000));
    }
    QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
    window.ask(window.questionBox()->text());
    EXPECT_TRUE(answered.wait(60000)) << firstError(errors);
    const avqa::Prediction& p = window.outcome()->result.prediction;
    return static_cast<int>(p.steps[static_cast<std::size_t>(argmax(*p.temporal))].start_s);
  };
  EXPECT_EQ(peak_second_after_asking(0), 2);  // its own sound
  EXPECT_TRUE(window.audioPath().isEmpty());
  EXPECT_EQ(window.playback()->audioPlayer(), nullptr);
  EXPECT_EQ(peak_second_after_asking(1), 1);  // the other video's sound
  EXPECT_EQ(window.audioPath().toStdString(), setup.dir.file("videos/other.mp4"));
  ASSERT_NE(window.playback()->audioPlayer(), nullptr);
  EXPECT_EQ(window.outcome()->audio_path, window.audioPath());
}

}  // namespace
