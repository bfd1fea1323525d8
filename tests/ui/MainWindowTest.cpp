// The main window around the inspector, in real windows under Xvfb: answers stored in the
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
#include <QAbstractItemView>
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
#include "FolderMapDialog.h"
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

namespace {

using avqa::test::ContractSetup;
using avqa::test::argmax;
using avqa::test::firstError;
using avqa::test::loadModelAndWait;
using avqa::test::openProjectAndVideo;

TEST(MainWindow, AnswersAreStoredAndReopeningTheProjectShowsThemWithoutTheModel) {
  ContractSetup setup;
  avqa::ProjectStore(setup.project, avqa::DbConnection::OpenMode::CreateIfMissing);
  std::vector<float> first_map;
  {
    avqa::MainWindow window;
    window.show();
    QSignalSpy errors(&window, &avqa::MainWindow::errorShown);
    loadModelAndWait(window, setup.model);
    openProjectAndVideo(window, setup.project, setup.video);
    QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
    window.ask(QStringLiteral("Is there a violin sound?"));  // 5 words: "five"
    ASSERT_TRUE(answered.wait(60000)) << firstError(errors);
    window.ask(QStringLiteral("Is the cello louder?"));  // 4 words: "four"
    ASSERT_TRUE(answered.wait(60000)) << firstError(errors);
    ASSERT_TRUE(window.outcome() && window.previousOutcome());
    EXPECT_EQ(window.outcome()->result.prediction.answer(), "four");
    EXPECT_EQ(window.previousOutcome()->result.prediction.answer(), "five");
    EXPECT_GT(window.outcome()->stored_ask_id, window.previousOutcome()->stored_ask_id);
    first_map = window.outcome()->result.prediction.spatial->values;

    // The timeline's focus curve peaks in the loud second (the evidence span [2 s, 3 s)).
    ASSERT_EQ(window.timeline()->curves().size(), 1u);
    const avqa::TimelineCurve& curve = window.timeline()->curves().front();
    const avqa::TimeStep& peak = curve.steps[static_cast<std::size_t>(argmax(curve.temporal))];
    EXPECT_GE(peak.start_s, 2.0);
    EXPECT_LE(peak.end_s, 3.0);

    // A/B: both curves with comparison on; B's answer and heatmap on request.
    window.askPanel()->chooseComparing(true);
    EXPECT_EQ(window.timeline()->curves().size(), 2u);
    EXPECT_TRUE(window.answerText().contains(QStringLiteral("A: </span><b>four")));
    window.setCompareSide(avqa::CompareSide::B);
    EXPECT_TRUE(window.answerText().contains(QStringLiteral("B: </span><b>five"))) << window.answerText().toStdString();
    EXPECT_TRUE(window.videoView()->hasHeatmap());
    window.setCompareSide(avqa::CompareSide::A);
    EXPECT_TRUE(window.answerText().contains(QStringLiteral("<b>four")));
  }
  {
    avqa::ProjectStore project(setup.project, avqa::DbConnection::OpenMode::MustExist);
    const std::vector<avqa::StoredAsk> asks = avqa::AskStore(project).forVideo("clip");
    ASSERT_EQ(asks.size(), 2u);
    EXPECT_EQ(asks[1].answer, "four");
    EXPECT_EQ(asks[1].model_sha256.size(), 64u);
    EXPECT_FALSE(asks[1].feature_kinds.empty());
  }
  // A new window, no model: opening the video brings both answers back, with their maps.
  avqa::MainWindow window;
  window.show();
  QSignalSpy answered(&window, &avqa::MainWindow::answerShown);
  openProjectAndVideo(window, setup.project, setup.video);
  while (answered.count() < 2) ASSERT_TRUE(answered.wait(30000));
  ASSERT_TRUE(window.outcome().has_value());
  EXPECT_TRUE(window.outcome()->restored);
  EXPECT_EQ(window.outcome()->result.prediction.answer(), "four");
  EXPECT_EQ(window.previousOutcome()->result.prediction.answer(), "five");
  EXPECT_EQ(window.outcome()->result.prediction.spatial->values, first_map);
  EXPECT_TRUE(window.videoView()->hasHeatmap());
  EXPECT_EQ(argmax(window.videoView()->heatmap().weights), 1);  // patch (0, 1): the red one, top right
  EXPECT_TRUE(window.answerText().contains(QStringLiteral("<b>four")));
}

// The dataset dock on the demo project, the template box, presentation mode and the longest
// GUI-thread stall while the shipped AVST answers and the video plays.
TEST(MainWindow, DatasetDockTemplatesPresentationAndResponsiveness) {
  avqa::test::TempDir dir;
  qputenv("AVQA_CACHE_DIR", QByteArray::fromStdString(dir.file("cache")));
  const avqa::synth::DemoProject demo = avqa::synth::ensureDemoProject(dir.file("demo"), [](int, int) { return true; });
  avqa::UiSettings settings(QString::fromStdString(dir.file("settings.ini")));
  auto window = std::make_unique<avqa::MainWindow>(&settings);
  window->resize(1280, 860);
  window->show();
  QSignalSpy errors(window.get(), &avqa::MainWindow::errorShown);
  QSignalSpy model_ready(window.get(), &avqa::MainWindow::modelReady);
  window->loadModel(QStringLiteral(AVQA_WEIGHTS_DIR "/avst.avqamodel"));
  QSignalSpy loaded(window->datasetDock(), &avqa::DatasetDock::loaded);
  window->openProject(QString::fromStdString(demo.project_path));
  ASSERT_TRUE(loaded.wait(30000)) << firstError(errors);
  ASSERT_TRUE(model_ready.count() > 0 || model_ready.wait(60000)) << firstError(errors);
  avqa::DatasetDock& dock = *window->datasetDock();
  const int all = dock.model()->rowCount();
  EXPECT_GT(all, 600);  // the demo's three splits
  dock.setSplitFilter(QStringLiteral("test"));
  const int test_rows = dock.model()->rowCount();
  EXPECT_GT(test_rows, 50);
  EXPECT_LT(test_rows, all);
  for (int i = 0; i < test_rows; ++i) ASSERT_EQ(dock.model()->shownRow(i).split, "test");

  // Double-click: the question's video opens with its question typed in.
  QSignalSpy video_ready(window.get(), &avqa::MainWindow::videoReady);
  dock.chooseShownRow(0);
  ASSERT_TRUE(video_ready.wait(30000)) << firstError(errors);
  const avqa::QuestionRow& chosen = dock.model()->shownRow(0);
  EXPECT_EQ(window->questionBox()->text().toStdString(), chosen.question);
  // The benchmark's ground truth marks where the answer lies on the timeline.
  EXPECT_FALSE(chosen.evidence_seconds.empty());
  EXPECT_EQ(window->timeline()->evidenceSeconds(), chosen.evidence_seconds);

  // The template box: find "Which <Object> makes the sound <FL>?" by completion, fill its slots.
  avqa::QuestionBox& box = *window->questionBox();
  box.completer()->setCompletionPrefix(QStringLiteral("makes the sound"));
  ASSERT_GT(box.completer()->completionCount(), 0);
  const auto& templates = box.templates();
  const auto chosen_template = std::find_if(templates.begin(), templates.end(), [](const avqa::QuestionTemplate& t) {
    return t.text.find("<Object>") != std::string::npos && t.text.find("<FL>") != std::string::npos;
  });
  ASSERT_NE(chosen_template, templates.end());
  box.chooseTemplate(static_cast<int>(chosen_template - templates.begin()));
  ASSERT_EQ(box.slotPickers().size(), chosen_template->placeholders.size());
  EXPECT_TRUE(box.isFilledTemplate());
  EXPECT_FALSE(box.text().contains(QLatin1Char('<')));
  box.slotPickers()[0]->setCurrentText(QStringLiteral("accordion"));
  EXPECT_TRUE(box.text().contains(QStringLiteral("accordion"))) << box.text().toStdString();
  QTest::keyClicks(box.lineEdit(), QStringLiteral(" now"));
  EXPECT_FALSE(box.isFilledTemplate());  // typed over: free text
  box.setText(QString::fromStdString(chosen.question));

  // Latency probe: a 5 ms timer on the GUI thread while AVST answers and the video plays.
  QElapsedTimer clock;
  qint64 last_ms = 0, longest_stall_ms = 0;
  QTimer probe;
  probe.setInterval(5);
  qint64 stall_at_ms = 0;
  QObject::connect(&probe, &QTimer::timeout, [&] {
    const qint64 now = clock.elapsed();
    if (now - last_ms > longest_stall_ms) stall_at_ms = now;
    longest_stall_ms = std::max(longest_stall_ms, now - last_ms);
    last_ms = now;
  });
  clock.start();
  probe.start();
  window->togglePlayback();
  QSignalSpy answered(window.get(), &avqa::MainWindow::answerShown);
  window->ask(box.text());
  ASSERT_TRUE(answered.wait(60000)) << firstError(errors);
  QTest::qWait(500);
  probe.stop();
  window->togglePlayback();
  std::printf("[latency] longest GUI-thread stall while asking and playing: %lld ms (ending at %lld ms)\n",
              static_cast<long long>(longest_stall_ms), static_cast<long long>(stall_at_ms));
  EXPECT_LE(longest_stall_ms, 250) << "something heavy ran on the GUI thread";
  // The dock shows the model's answer next to the dataset's.
  EXPECT_EQ(dock.model()->shownRow(0).asked_answer, window->outcome()->result.prediction.answer());
  // The verdict: the dataset's answer with a badge, the evidence box on the frame, and how
  // the sound-guided map meets the evidence.
  const avqa::InspectorSession& session = window->session();
  ASSERT_TRUE(session.truth().has_value());
  EXPECT_EQ(session.truth()->answer.toStdString(), chosen.answer);
  const bool right = window->outcome()->result.prediction.answer() == chosen.answer;
  const QString verdict = window->askPanel()->answerView().verdictText();
  EXPECT_TRUE(verdict.contains(QStringLiteral("Dataset answer: <b>%1</b>").arg(QString::fromStdString(chosen.answer)))) << verdict.toStdString();
  EXPECT_TRUE(verdict.contains(right ? QStringLiteral("right") : QStringLiteral("wrong"))) << verdict.toStdString();
  EXPECT_EQ(window->videoView()->evidenceBoxes().size(), chosen.evidence_boxes.size());
  const std::optional<avqa::QuestionFigures> figures = session.figures();
  ASSERT_TRUE(figures.has_value());
  ASSERT_TRUE(figures->temporal_mass.has_value());  // AVST has a temporal curve
  EXPECT_GE(*figures->temporal_mass, 0.0);
  EXPECT_LE(*figures->temporal_mass, 1.0);
  if (!chosen.evidence_boxes.empty()) {
    ASSERT_TRUE(figures->sound_spatial.has_value());
    EXPECT_TRUE(verdict.contains(QStringLiteral("sound-guided map"))) << verdict.toStdString();
  }
  dock.setCorrectnessFilter(avqa::Correctness::Asked);
  EXPECT_GE(dock.model()->rowCount(), 1);
  dock.setCorrectnessFilter(avqa::Correctness::Any);
  QApplication::processEvents();
  if (const QByteArray shots = qgetenv("AVQA_SCREENSHOT_DIR"); !shots.isEmpty()) {
    avqa::test::windowPicture(*window).save(QString::fromUtf8(shots) + QStringLiteral("/main-window.png"));
    window->timeline()->grab().save(QString::fromUtf8(shots) + QStringLiteral("/timeline.png"));
  }

  // The curation workspace on the demo project, for the README's pictures.
  if (const QByteArray shots = qgetenv("AVQA_SCREENSHOT_DIR"); !shots.isEmpty()) {
    avqa::WorkspaceWindow* workspace = window->openWorkspace();
    ASSERT_NE(workspace, nullptr);
    QSignalSpy reloaded(workspace, &avqa::WorkspaceWindow::rowsReloaded);
    ASSERT_TRUE(reloaded.count() > 0 || reloaded.wait(30000));
    workspace->resize(1280, 820);
    workspace->questionsTab()->selectShownRow(2);
    QApplication::processEvents();
    workspace->grab().save(QString::fromUtf8(shots) + QStringLiteral("/workspace-questions.png"));
    workspace->tabs()->setCurrentWidget(workspace->dashboard());
    workspace->dashboard()->setSplit(QStringLiteral("train"));
    QApplication::processEvents();
    workspace->grab().save(QString::fromUtf8(shots) + QStringLiteral("/workspace-balance.png"));
    // The Attention tab on a run of the shipped AVST over the demo's test split.
    QSignalSpy run_done(workspace->evaluation(), &avqa::EvaluationTab::runFinished);
    workspace->evaluation()->startRun(QStringLiteral(AVQA_WEIGHTS_DIR "/avst.avqamodel"), QStringLiteral("test"), QStringLiteral("avst"));
    ASSERT_TRUE(run_done.wait(120000));
    QSignalSpy audited(workspace->attention(), &avqa::AttentionTab::audited);
    workspace->attention()->audit(QStringLiteral("avst"));
    ASSERT_TRUE(audited.wait(60000));
    EXPECT_GT(workspace->attention()->shownAudit()->with_figures, 50u);
    workspace->tabs()->setCurrentWidget(workspace->attention());
    QApplication::processEvents();
    workspace->grab().save(QString::fromUtf8(shots) + QStringLiteral("/workspace-attention.png"));
    workspace->close();
  }

  // Presentation mode: F11 opens it full screen with the answer large; Esc leaves.
  window->activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowActive(window.get()));
  QTest::keyClick(window.get(), Qt::Key_F11);
  avqa::PresentationWindow& presentation = *window->presentation();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&presentation));
  EXPECT_TRUE(presentation.isFullScreen());
  EXPECT_EQ(presentation.answerText().toStdString(), window->outcome()->result.prediction.answer());
  EXPECT_EQ(presentation.question(), box.text());
  QTest::qWait(300);
  EXPECT_TRUE(presentation.videoView()->hasHeatmap());
  if (const QByteArray shots = qgetenv("AVQA_SCREENSHOT_DIR"); !shots.isEmpty()) {
    avqa::test::windowPicture(presentation).save(QString::fromUtf8(shots) + QStringLiteral("/presentation.png"));
  }
  // Typing opens the template completions; Esc closes them first, keeping the mode and text.
  QLineEdit* typed = presentation.questionBox()->lineEdit();
  typed->setFocus();
  typed->clear();
  QTest::keyClicks(typed, "makes the");
  QCompleter* completer = presentation.questionBox()->completer();
  ASSERT_TRUE(QTest::qWaitFor([&] { return completer->popup()->isVisible(); }, 30000));
  QTest::keyClick(&presentation, Qt::Key_Escape);
  EXPECT_FALSE(completer->popup()->isVisible());
  EXPECT_TRUE(presentation.isFullScreen());
  EXPECT_EQ(presentation.question(), QStringLiteral("makes the"));
  QTest::keyClick(&presentation, Qt::Key_Escape);
  EXPECT_FALSE(presentation.isVisible());
  EXPECT_EQ(box.text(), QStringLiteral("makes the")) << "the typed question is kept";

  // Settings: the overlay choice and the project are remembered by the next window.
  window->askPanel()->chooseColormap(avqa::Colormap::Jet);
  window->close();
  window.reset();
  avqa::MainWindow again(&settings);
  EXPECT_EQ(again.askPanel()->chosenColormap(), avqa::Colormap::Jet);
  EXPECT_EQ(settings.recentProjects().value(0).toStdString(), std::filesystem::absolute(demo.project_path).string());
}

TEST(MainWindow, FileMenuImportsQuestionsAndVideosAndRefusesBadFiles) {
  avqa::test::TempDir dir;
  avqa::MainWindow window;
  QSignalSpy project_ready(&window, &avqa::MainWindow::projectReady);
  QSignalSpy menu_errors(window.fileMenu(), &avqa::FileMenu::failed);
  window.fileMenu()->createProject(QString::fromStdString(dir.file("new.avqa")));
  ASSERT_TRUE(project_ready.wait(30000));
  EXPECT_EQ(window.projectPath().toStdString(), dir.file("new.avqa"));
  window.fileMenu()->createProject(QString::fromStdString(dir.file("new.avqa")));  // exists: refused
  ASSERT_EQ(menu_errors.count(), 1);

  QSignalSpy loaded(window.datasetDock(), &avqa::DatasetDock::loaded);
  // The dock reloads after each change; wait for the load that shows it.
  const auto wait_for_rows = [&](std::size_t rows) {
    while (window.datasetDock()->model()->allRows().size() != rows) {
      if (!loaded.wait(30000)) return false;
    }
    return true;
  };
  window.fileMenu()->importQuestions(QString::fromStdString(avqa::test::fixturePath("avqa-quirks-indent.json")), QStringLiteral("test"));
  ASSERT_TRUE(wait_for_rows(7));  // 8 records, one deleted
  avqa::test::writeBytes(dir.file("broken.json"), "[{\"video_id\": ");
  window.fileMenu()->importQuestions(QString::fromStdString(dir.file("broken.json")), QStringLiteral("val"));
  ASSERT_TRUE(menu_errors.wait(30000));
  EXPECT_TRUE(menu_errors.last().first().toString().contains(QStringLiteral("broken.json")));
  std::filesystem::create_directories(dir.file("videos"));
  avqa::test::writeRedBlueVideo(dir.file("videos/00000086.mp4"), 2, 160, 120);
  const auto rows_with_video = [&] {
    int with_video = 0;
    for (const avqa::QuestionRow& row : window.datasetDock()->model()->allRows()) with_video += row.video_path.empty() ? 0 : 1;
    return with_video;
  };
  EXPECT_EQ(rows_with_video(), 0);
  window.fileMenu()->addVideoFolder(QString::fromStdString(dir.file("videos")));
  while (rows_with_video() == 0) ASSERT_TRUE(loaded.wait(30000));
  EXPECT_EQ(rows_with_video(), 2);  // both questions about 00000086

  // This machine keeps the folder elsewhere: File > Folders on this machine shows the
  // project's name for it as missing here, maps it to the copy, saves the map, and the dock
  // finds the videos in the copy.
  const QByteArray config_before = qgetenv("XDG_CONFIG_HOME");
  qputenv("XDG_CONFIG_HOME", QByteArray::fromStdString(dir.file("config")));
  std::filesystem::rename(dir.file("videos"), dir.file("copy"));
  QSignalSpy shown(window.fileMenu(), &avqa::FileMenu::folderMapShown);
  window.fileMenu()->showFolderMap();
  ASSERT_TRUE(shown.wait(30000));
  auto* dialog = shown.first().first().value<avqa::FolderMapDialog*>();
  ASSERT_EQ(dialog->rowCount(), 1);
  EXPECT_TRUE(dialog->shownLocal(0).contains(QStringLiteral("not on this machine"))) << dialog->shownLocal(0).toStdString();
  dialog->chooseLocal(0, QString::fromStdString(dir.file("copy")));
  EXPECT_TRUE(dialog->shownLocal(0).startsWith(QString::fromStdString(dir.file("copy")) + QStringLiteral("  (mapped)")))
      << dialog->shownLocal(0).toStdString();
  dialog->accept();
  EXPECT_EQ(avqa::FolderMap::load(dir.file("config/avqa-lens/folders.ini")).localPath("videos"), dir.file("copy"));
  const auto rows_in_copy = [&] {
    int in_copy = 0;
    for (const avqa::QuestionRow& row : window.datasetDock()->model()->allRows()) in_copy += row.video_path == dir.file("copy/00000086.mp4");
    return in_copy;
  };
  while (rows_in_copy() != 2) ASSERT_TRUE(loaded.wait(30000));
  qputenv("XDG_CONFIG_HOME", config_before);
}

}  // namespace

