// The question box's slot pickers start on what the open video's questions name, not on the
// first instrument of the catalogue.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QSignalSpy>
#include <filesystem>

#include "DatasetDock.h"
#include "MainWindow.h"
#include "QuestionBox.h"
#include "dataset/MusicAvqaFile.h"
#include "storage/AskStore.h"
#include "storage/ProjectStore.h"
#include "support/TempDir.h"
#include "support/TestVideos.h"
#include "WindowTestSupport.h"

namespace {

int templateIndex(const avqa::QuestionBox& box, const std::string& text) {
  for (std::size_t i = 0; i < box.templates().size(); ++i) {
    if (box.templates()[i].text.find(text) != std::string::npos) return static_cast<int>(i);
  }
  return -1;
}

TEST(SlotDefaults, PickersStartOnTheInstrumentsTheVideosQuestionsName) {
  avqa::test::TempDir dir;
  std::filesystem::create_directories(dir.file("videos"));
  avqa::test::writeRedBlueVideo(dir.file("videos/clip.mp4"), 3, 160, 120);
  // "cello" is named twice, "flute" once; the catalogue's first <Object> value is neither.
  avqa::test::writeBytes(dir.file("avqa-train.json"), R"([
 {"video_id": "clip", "question_id": 1, "type": "[\"Audio-Visual\", \"Existential\"]",
  "question_content": "Is the <Object> in the video always playing?", "templ_values": "[\"cello\"]", "anser": "yes"},
 {"video_id": "clip", "question_id": 2, "type": "[\"Audio\", \"Comparative\"]",
  "question_content": "Is the <Object> more rhythmic than the <Object>?", "templ_values": "[\"cello\", \"flute\"]", "anser": "no"}
])");
  const std::string project = dir.file("p.avqa");
  {
    avqa::ProjectStore store(project, avqa::DbConnection::OpenMode::CreateIfMissing);
    store.importSplit("train", avqa::readMusicAvqaFile(dir.file("avqa-train.json")), avqa::ExistingPolicy::Refuse);
    avqa::VideoFolders(store).add(dir.file("videos"));
  }
  avqa::MainWindow window;
  window.show();
  QSignalSpy loaded(window.datasetDock(), &avqa::DatasetDock::loaded);
  QSignalSpy project_ready(&window, &avqa::MainWindow::projectReady);
  window.openProject(QString::fromStdString(project));
  ASSERT_TRUE(project_ready.wait(30000));
  if (loaded.isEmpty()) ASSERT_TRUE(loaded.wait(30000));
  QSignalSpy video_ready(&window, &avqa::MainWindow::videoReady);
  window.openVideo(QString::fromStdString(dir.file("videos/clip.mp4")));
  ASSERT_TRUE(video_ready.wait(30000));

  avqa::QuestionBox& box = *window.questionBox();
  const int one_object = templateIndex(box, "Is the <Object> in the video always playing?");
  ASSERT_GE(one_object, 0);
  ASSERT_NE(box.templates()[static_cast<std::size_t>(one_object)].placeholders.size(), 0u);
  box.chooseTemplate(one_object);
  ASSERT_EQ(box.slotPickers().size(), 1u);
  EXPECT_EQ(box.slotPickers()[0]->currentText(), QStringLiteral("cello"));
  EXPECT_EQ(box.text(), QStringLiteral("Is the cello in the video always playing?"));

  const int two_objects = templateIndex(box, "more rhythmic than the <Object>");
  ASSERT_GE(two_objects, 0);
  box.chooseTemplate(two_objects);
  ASSERT_EQ(box.slotPickers().size(), 2u);
  EXPECT_EQ(box.slotPickers()[0]->currentText(), QStringLiteral("cello"));
  EXPECT_EQ(box.slotPickers()[1]->currentText(), QStringLiteral("flute"));  // two slots, two instruments
}

}  // namespace
