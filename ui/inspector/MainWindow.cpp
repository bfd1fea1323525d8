#include "MainWindow.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QVBoxLayout>
#include <utility>

#include "AnswerView.h"
#include "AskPanel.h"
#include "DatasetDock.h"
#include "EvidenceEditor.h"
#include "EvidenceOverlay.h"
#include "FigureExport.h"
#include "FileMenu.h"
#include "MediaWorker.h"
#include "ModelWorker.h"
#include "SecondMapView.h"
#include "PresentationWindow.h"
#include "QuestionBox.h"
#include "ScrollingDock.h"
#include "SoundCheck.h"
#include "ShippedModels.h"
#include "TaskList.h"
#include "TaskStatusWidget.h"
#include "TimelineView.h"
#include "UiSettings.h"
#include "VideoPlayback.h"
#include "SoundOverview.h"
#include "VideoView.h"
#include "WorkspaceLink.h"
#include "WorkspaceWindow.h"

namespace avqa {

MainWindow::MainWindow(UiSettings* settings, const QString& feature_cache_root, QWidget* parent)
    : QMainWindow(parent), settings_(settings), feature_cache_root_(feature_cache_root) {
  setWindowTitle(QStringLiteral("AVQA Lens"));
  model_worker_ = new ModelWorker(feature_cache_root);
  model_worker_->moveToThread(&model_thread_);
  connect(&model_thread_, &QThread::finished, model_worker_, &QObject::deleteLater);
  model_thread_.start();
  media_worker_ = new MediaWorker;
  media_worker_->moveToThread(&media_thread_);
  connect(&media_thread_, &QThread::finished, media_worker_, &QObject::deleteLater);
  media_thread_.start();
  tasks_ = new TaskList(this);
  workspace_ = new WorkspaceLink(*this, settings_, feature_cache_root_);
  connect(workspace_, &WorkspaceLink::questionChosen, this, [this](const QuestionRow& row) { onQuestionChosen(row); activateWindow(); });
  connect(workspace_, &WorkspaceLink::rowsReloaded, this, [this] { dataset_dock_->loadProject(project_path_); });
  buildLayout();
  wireSession();
  wireWorkers();
  wirePanel();
  if (settings_) {
    panel_->rememberOverlay(*settings_);
    restoreGeometry(settings_->windowGeometry());
    restoreState(settings_->windowState());
  }
}

MainWindow::~MainWindow() {
  cancel_.cancel();
  tasks_->cancelAll();
  // The workers finish the call they are in (an ask checks its cancel token) and stop.
  model_thread_.quit();
  media_thread_.quit();
  model_thread_.wait();
  media_thread_.wait();
}

void MainWindow::buildLayout() {
  // Video and timeline in the middle, the ask panel and the dataset in docks, the File menu,
  // presentation mode in its own window, running tasks in the status bar.
  auto* central = new QWidget(this);
  auto* middle = new QVBoxLayout(central);
  video_view_ = new VideoView(central);
  timeline_ = new TimelineView(central);
  second_map_ = new SecondMapView(session_, central);
  auto* views = new QHBoxLayout;
  views->addWidget(video_view_, 1);
  views->addWidget(second_map_->view(), 1);
  middle->addLayout(views, 1);
  middle->addWidget(timeline_);
  setCentralWidget(central);
  // The model dialog opens where the shipped models are (the source tree or the package).
  panel_ = new AskPanel(QString::fromStdString(shippedModelsFolder(QCoreApplication::applicationFilePath().toStdString())));
  QDockWidget* ask_dock = scrollingDock(tr("Ask"), QStringLiteral("ask-dock"), panel_, this);  // the answer's bars never cut off
  addDockWidget(Qt::RightDockWidgetArea, ask_dock);
  dataset_dock_ = new DatasetDock(*tasks_, this);
  addDockWidget(Qt::BottomDockWidgetArea, dataset_dock_);
  file_menu_ = new FileMenu(*this, settings_, *tasks_);
  QMenu* view_menu = menuBar()->addMenu(tr("&View"));
  view_menu->addAction(ask_dock->toggleViewAction());
  view_menu->addAction(dataset_dock_->toggleViewAction());
  view_menu->addAction(tr("&Presentation mode"), QKeySequence(Qt::Key_F11), this, [this] { setPresentationMode(!presentation_->isVisible()); });
  QAction* beside = view_menu->addAction(tr("Second &map beside (question-guided | sound-guided)"), this, &MainWindow::showSecondMap);
  beside->setCheckable(true);
  figures_ = std::make_unique<FigureExport>(session_, *video_view_, *timeline_, *tasks_);
  sound_overview_ = new SoundOverviewLoader(*tasks_, *timeline_, this);
  figures_->addMenu(*this, [this](const QString& message) { onFailed(message); });
  presentation_ = new PresentationWindow(this);
  statusBar()->addPermanentWidget(new TaskStatusWidget(*tasks_, this));
  playback_ = new VideoPlayback(this);
  resize(1280, 800);
}

void MainWindow::wireSession() {
  connect(&session_, &InspectorSession::modelChanged, panel_, &AskPanel::showModel);
  connect(&session_, &InspectorSession::busyChanged, panel_, &AskPanel::showBusy);
  connect(&session_, &InspectorSession::questionChanged, this, [this](const QString& question) {
    panel_->showQuestionText(question);
    if (presentation_->question() != question) presentation_->setQuestion(question);
  });
  connect(&session_, &InspectorSession::videoChanged, this, [this](const QString& path) {
    panel_->showVideoName(QFileInfo(path).fileName());
    panel_->questionBox().setPreferredSlotValues(dataset_dock_->slotValuesFor(path));
    panel_->clearAnswer();
  });
  connect(&session_, &InspectorSession::videoContextChanged, this, [this] {
    const VideoContext& context = session_.videoContext();
    for (VideoView* view : {video_view_, second_map_->view(), presentation_->videoView()}) view->setFrameMirror(context.mirror);
    playback_->setAudioSource(context.audio_path);
  });
  connect(&session_, &InspectorSession::answersChanged, this, &MainWindow::showAnswer);
  connect(&session_, &InspectorSession::stepChanged, this, [this](int step) {
    panel_->showStep(step);
    const AskOutcome* shown = session_.shownOutcome();
    if (!shown || step < 0 || step >= static_cast<int>(shown->step_frames.size())) return;
    // Stepping through an answer while paused shows that step's frame.
    if (!playback_->isPlaying()) {
      showFrame(shown->step_frames[static_cast<std::size_t>(step)]);
      timeline_->setPlayhead(shown->result.prediction.steps[static_cast<std::size_t>(step)].frameTime());
    }
  });
  connect(&session_, &InspectorSession::overlayChanged, this, &MainWindow::refreshOverlay);
  auto* overlay = new EvidenceOverlay(session_, *dataset_dock_, *timeline_, {video_view_, presentation_->videoView()}, this);
  evidence_editor_ = new EvidenceEditor(session_, *overlay, *video_view_, *timeline_, this);
  centralWidget()->layout()->addWidget(evidence_editor_->bar());
  connect(evidence_editor_, &EvidenceEditor::failed, this, &MainWindow::onFailed);
  sound_check_ = new SoundCheck(session_, [this](const QString& q, const QString& audio, Hearing h) { ask(q, audio, h); }, this);
  centralWidget()->layout()->addWidget(sound_check_->bar());
  connect(sound_check_, &SoundCheck::failed, this, &MainWindow::onFailed);
  connect(evidence_editor_, &EvidenceEditor::stored, this, [this] { if (!workspace_->reload()) dataset_dock_->loadProject(project_path_); });
}

void MainWindow::wireWorkers() {
  connect(model_worker_, &ModelWorker::modelLoaded, this, [this](const QString& name, const QString& device, const QString& path) {
    session_.setModel(name, device, path);
    session_.setBusy(false);
    emit modelReady();
  });
  connect(model_worker_, &ModelWorker::answered, this, [this](const AskOutcome& outcome) {
    session_.setBusy(false);
    panel_->showProblem(QString());
    session_.addAnswer(outcome);
    if (outcome.stored_ask_id > 0) {
      dataset_dock_->model()->setAskedAnswer(QFileInfo(outcome.video_path).completeBaseName().toStdString(),
                                             outcome.question.toStdString(), outcome.result.prediction.answer());
    }
    emit answerShown();
  });
  connect(model_worker_, &ModelWorker::projectOpened, this, [this](const QString& path) {
    project_path_ = path;
    setWindowTitle(path.isEmpty() ? QStringLiteral("AVQA Lens") : QStringLiteral("%1 — AVQA Lens").arg(QFileInfo(path).fileName()));
    file_menu_->setProject(path);
    evidence_editor_->setProject(path);
    if (!path.isEmpty()) dataset_dock_->loadProject(path);
    emit projectReady();
  });
  connect(model_worker_, &ModelWorker::failed, this, &MainWindow::onFailed);
  connect(model_worker_, &ModelWorker::progress, panel_, &AskPanel::showProgress);
  connect(panel_, &AskPanel::progressShown, this, [this](const QString& stage) {
    if (presentation_->isVisible()) presentation_->showBusy(stage);
  });

  connect(media_worker_, &MediaWorker::videoOpened, this, [this](const QString& path, double frame_rate, double) {
    if (path != opening_video_) return;  // a newer video was asked for since
    session_.setVideo(path);
    session_.setVideoContext(std::exchange(pending_context_, std::nullopt).value_or(VideoContext{}));
    playback_->setSource(path, frame_rate);
    sound_overview_->show(path);
    QMetaObject::invokeMethod(media_worker_, [worker = media_worker_, project = project_path_, path] { worker->restoreAsks(project, path); },
                              Qt::QueuedConnection);
    emit videoReady();
  });
  connect(media_worker_, &MediaWorker::videoFailed, this, [this](const QString& path, const QString& message) {
    if (path == opening_video_) opening_video_ = session_.videoPath();
    pending_context_.reset();
    onFailed(message);
  });
  connect(media_worker_, &MediaWorker::restored, this, [this](const AskOutcome& outcome) {
    session_.addAnswer(outcome);
    emit answerShown();
  });
  connect(sound_overview_, &SoundOverviewLoader::shown, this, &MainWindow::audioShown);
  connect(media_worker_, &MediaWorker::frameDecoded, this, [this](const QImage& frame, double time_s) {
    onPlaybackFrame(frame, time_s);  // an exact frame step: shown like a played frame
    emit frameStepped(time_s);
  });
  connect(media_worker_, &MediaWorker::failed, this, &MainWindow::onFailed);
  connect(playback_, &VideoPlayback::frameShown, this, &MainWindow::onPlaybackFrame);
  connect(playback_, &VideoPlayback::playingChanged, panel_, &AskPanel::showPlaying);
  connect(playback_, &VideoPlayback::exactFrameWanted, media_worker_, &MediaWorker::decodeFrame);
}

void MainWindow::wirePanel() {
  connect(panel_, &AskPanel::modelFileChosen, this, &MainWindow::loadModel);
  connect(panel_, &AskPanel::videoFileChosen, this, &MainWindow::openVideo);
  connect(panel_, &AskPanel::askRequested, this, [this] { ask(panel_->questionText()); });
  connect(panel_, &AskPanel::cancelRequested, this, [this] { cancel_.cancel(); });
  connect(panel_, &AskPanel::questionEdited, &session_, &InspectorSession::setQuestion);
  connect(panel_, &AskPanel::playRequested, this, &MainWindow::togglePlayback);
  connect(panel_, &AskPanel::rateChosen, playback_, &VideoPlayback::setRate);
  connect(panel_, &AskPanel::heatmapKindChosen, &session_, &InspectorSession::setHeatmapKind);
  connect(panel_, &AskPanel::mapScaleChosen, &session_, &InspectorSession::setMapScale);
  connect(panel_, &AskPanel::stepDimmingChosen, &session_, &InspectorSession::setStepDimming);
  connect(panel_, &AskPanel::stepChosen, &session_, &InspectorSession::setStep);
  connect(panel_, &AskPanel::comparingChosen, &session_, &InspectorSession::setComparing);
  connect(panel_, &AskPanel::colormapChosen, this, [this] { panel_->showOverlayState(session_); });
  connect(panel_, &AskPanel::otherSideRequested, this, [this] {
    session_.setShownSide(session_.shownSide() == CompareSide::A ? CompareSide::B : CompareSide::A);
  });
  panel_->bindShortcuts(*this, {{Qt::Key_Space, [this] { togglePlayback(); }}, {Qt::Key_Left, [this] { seekBy(-1.0); }},
                                {Qt::Key_Right, [this] { seekBy(1.0); }}, {Qt::Key_Comma, [this] { stepFrames(-1); }},
                                {Qt::Key_Period, [this] { stepFrames(1); }},
                                {Qt::Key_B, [this] { if (session_.answers().b()) panel_->requestOtherSide(); }}});
  panel_->driveOverlay({video_view_, second_map_->view()});
  connect(timeline_, &TimelineView::seekRequested, this, [this](double time_s) {
    seekTo(time_s);
    session_.followTime(time_s);
  });
  connect(dataset_dock_, &DatasetDock::questionChosen, this, &MainWindow::onQuestionChosen);
  connect(dataset_dock_, &DatasetDock::failed, this, &MainWindow::onFailed);
  connect(file_menu_, &FileMenu::projectChosen, this, &MainWindow::openProject);
  connect(file_menu_, &FileMenu::projectChanged, this, [this] { dataset_dock_->loadProject(project_path_); });
  connect(file_menu_, &FileMenu::failed, this, &MainWindow::onFailed);
  connect(file_menu_, &FileMenu::workspaceRequested, this, &MainWindow::openWorkspace);
  connect(presentation_, &PresentationWindow::askRequested, this, [this](const QString& q) { ask(q); });
  connect(presentation_, &PresentationWindow::questionEdited, &session_, &InspectorSession::setQuestion);
  connect(presentation_, &PresentationWindow::leaveRequested, this, [this] { setPresentationMode(false); });
  connect(presentation_, &PresentationWindow::playPauseRequested, this, &MainWindow::togglePlayback);
}

void MainWindow::showAnswer() {
  panel_->showSession(session_);
  const AskOutcome* shown = session_.shownOutcome();
  presentation_->showAnswer(shown ? QString::fromStdString(shown->result.prediction.answer()) : QString());
  if (shown) timeline_->setSteps(shown->result.prediction.steps, shown->result.media.duration_s);
  timeline_->setCurves(shown ? session_.answers().curves(session_.comparing(), session_.shownHeatmapKind()) : std::vector<FocusCurve>{});
}

void MainWindow::refreshOverlay() {
  const std::optional<FrameHeatmap> heat = session_.heatmap();
  if (heat) video_view_->setHeatmap(*heat);
  else video_view_->clearHeatmap();
  panel_->showOverlayState(session_);
  second_map_->refresh();
  if (presentation_->isVisible()) presentation_->showOverlay(session_);
}

void MainWindow::showSecondMap(bool on) {
  second_map_->setShown(on);
  if (on && !video_view_->frame().isNull()) second_map_->setFrame(video_view_->frame());
}

QuestionBox* MainWindow::questionBox() const { return &panel_->questionBox(); }
QString MainWindow::tokenText() const { return panel_->answerView().tokenText(); }
QString MainWindow::answerText() const { return panel_->answerView().answerText(); }

void MainWindow::closeEvent(QCloseEvent* event) {
  if (settings_) settings_->setWindowLayout(saveGeometry(), saveState());
  cancel_.cancel();
  tasks_->cancelAll();
  QMainWindow::closeEvent(event);
}

void MainWindow::openProject(const QString& path) {
  // The model thread owns the project's connection: asks are stored from the thread that makes them.
  QMetaObject::invokeMethod(model_worker_, [worker = model_worker_, path] { worker->setProject(path); }, Qt::QueuedConnection);
}

void MainWindow::openVideo(const QString& path) {
  // Probing and decoding happen in the media thread; the window only learns the result.
  // Then the project's past answers for this video come back, oldest first.
  opening_video_ = path;
  QMetaObject::invokeMethod(media_worker_, [worker = media_worker_, path] { worker->openVideo(path); }, Qt::QueuedConnection);
}

void MainWindow::setModelProbe(const QString& exe, const QString& list) { QMetaObject::invokeMethod(model_worker_, [=, w = model_worker_] { w->setProbe(exe, list); }); }
void MainWindow::loadModel(const QString& path) {
  session_.setBusy(true);
  panel_->showModel(tr("loading %1…").arg(QFileInfo(path).fileName()));
  QMetaObject::invokeMethod(model_worker_, [worker = model_worker_, path] { worker->loadModel(path); }, Qt::QueuedConnection);
}

void MainWindow::setQuestion(const QString& question) { session_.setQuestion(question); }
void MainWindow::setHeatmapKind(HeatmapKind kind) { panel_->chooseHeatmapKind(kind); }
void MainWindow::setCompareSide(CompareSide side) { session_.setShownSide(side); }
void MainWindow::showStep(int step) { session_.setStep(step); }

void MainWindow::ask(const QString& question, const QString& audio_path, Hearing hearing) {
  if (session_.videoPath().isEmpty()) {
    onFailed(opening_video_.isEmpty() ? tr("Open a video first (Video…).") : tr("The video is not open yet."));
    return;
  }
  if (question.trimmed().isEmpty()) {
    onFailed(tr("Type a question first."));
    return;
  }
  session_.setQuestion(question);
  cancel_ = CancelToken();
  session_.setBusy(true);
  AskIntent intent{session_.videoPath(), question, audio_path.isEmpty() ? session_.videoContext().audio_path : audio_path, hearing,
                   session_.wantsSaliency() ? SaliencyRequest::TopAnswer : SaliencyRequest::None};
  QMetaObject::invokeMethod(model_worker_, [worker = model_worker_, intent, cancel = cancel_] { worker->ask(intent, cancel); }, Qt::QueuedConnection);
}

void MainWindow::onQuestionChosen(const QuestionRow& row) {
  if (row.video_path.empty()) {
    onFailed(tr("Video %1 is in none of the project's folders (File > Add videos).").arg(QString::fromStdString(row.video_id)));
    return;
  }
  const QString video = QString::fromStdString(row.video_path);
  // Where the ground truth says the answer lies, the mirror of an X_flip question, another
  // video's sound: for the video once open (now, when it already is: X and X_flip share a file).
  VideoContext context{row.evidence_seconds, row.mirrored ? Mirror::Horizontal : Mirror::None, QString::fromStdString(row.audio_path)};
  if (!row.audio_video_id.empty() && row.audio_path.empty()) {
    onFailed(tr("The sound of video %1 this question plays with is in none of the project's folders.")
                 .arg(QString::fromStdString(row.audio_video_id)));
  }
  session_.setQuestion(QString::fromStdString(row.question));
  if (video == session_.videoPath()) {
    session_.setVideoContext(std::move(context));
  } else {
    pending_context_ = std::move(context);
    openVideo(video);
  }
  statusBar()->showMessage(tr("%1 · %2 · dataset answer: %3")
                               .arg(QString::fromStdString(row.split), QString::fromStdString(row.video_id),
                                    QString::fromStdString(row.answer)));
}

void MainWindow::onFailed(const QString& message) {
  session_.setBusy(false);
  panel_->showProblem(message);
  if (presentation_->isVisible()) presentation_->showAnswer(QString());
  emit errorShown(message);
}

void MainWindow::setPresentationMode(bool on) {
  if (!on) {
    presentation_->hide();
    activateWindow();
    return;
  }
  const AskOutcome* shown = session_.shownOutcome();
  presentation_->present(session_.question(), shown ? QString::fromStdString(shown->result.prediction.answer()) : QString(),
                         video_view_->frame(), screen()->geometry());
  refreshOverlay();
}

void MainWindow::showFrame(const QImage& frame) {
  video_view_->setFrame(frame);
  second_map_->setFrame(frame);
  if (presentation_->isVisible()) presentation_->videoView()->setFrame(frame);
}

void MainWindow::onPlaybackFrame(const QImage& frame, double time_s) {
  showFrame(frame);
  timeline_->setPlayhead(time_s);
  session_.followTime(time_s);  // the overlay follows the step the playhead is in
}

WorkspaceWindow* MainWindow::openWorkspace() {
  if (project_path_.isEmpty()) {
    onFailed(tr("Open a project first (File > Open project)."));
    return nullptr;
  }
  try {
    return workspace_->open(project_path_);
  } catch (const std::exception& error) {
    onFailed(QString::fromUtf8(error.what()));
    return nullptr;
  }
}

QMediaPlayer* MainWindow::player() const { return playback_->player(); }
void MainWindow::togglePlayback() { playback_->togglePlayback(); }
void MainWindow::stepFrames(int frames) { playback_->stepFrames(frames); }
void MainWindow::seekBy(double seconds) { playback_->seekBy(seconds); }
void MainWindow::seekTo(double time_s) { playback_->seekTo(time_s); }

}  // namespace avqa
