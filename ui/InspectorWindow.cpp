#include "InspectorWindow.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMediaPlayer>
#include <QMenuBar>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QSlider>
#include <QStatusBar>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

#include "AnswerView.h"
#include "AskPanel.h"
#include "DatasetDock.h"
#include "FileMenu.h"
#include "PresentationWindow.h"
#include "QuestionBox.h"
#include "StepHeatmap.h"
#include "TimelineView.h"
#include "UiSettings.h"
#include "VideoPlayback.h"
#include "VideoView.h"
#include "WorkspaceWindow.h"

namespace avqa {

InspectorWindow::InspectorWindow(UiSettings* settings, QWidget* parent) : QMainWindow(parent), settings_(settings) {
  setWindowTitle(QStringLiteral("AVQA Lens"));
  worker_ = new AskWorker;
  worker_->moveToThread(&worker_thread_);
  connect(&worker_thread_, &QThread::finished, worker_, &QObject::deleteLater);
  worker_thread_.start();

  // The window only assembles: video and timeline in the middle, the ask panel and the
  // dataset in docks, the File menu, presentation mode in its own window.
  auto* central = new QWidget(this);
  auto* middle = new QVBoxLayout(central);
  video_view_ = new VideoView(central);
  timeline_ = new TimelineView(central);
  middle->addWidget(video_view_, 1);
  middle->addWidget(timeline_);
  setCentralWidget(central);
  panel_ = new AskPanel;
  auto* ask_dock = new QDockWidget(tr("Ask"), this);
  ask_dock->setObjectName(QStringLiteral("ask-dock"));
  ask_dock->setWidget(panel_);
  addDockWidget(Qt::RightDockWidgetArea, ask_dock);
  dataset_dock_ = new DatasetDock(this);
  addDockWidget(Qt::BottomDockWidgetArea, dataset_dock_);
  file_menu_ = new FileMenu(*this, settings_);
  QMenu* view_menu = menuBar()->addMenu(tr("&View"));
  view_menu->addAction(ask_dock->toggleViewAction());
  view_menu->addAction(dataset_dock_->toggleViewAction());
  view_menu->addAction(tr("&Presentation mode"), QKeySequence(Qt::Key_F11), this, [this] { setPresentationMode(!presentation_->isVisible()); });
  presentation_ = new PresentationWindow(this);
  resize(1280, 800);

  // Playback frames go into the same OpenGL view the heatmap uses.
  playback_ = new VideoPlayback(this);
  connect(playback_, &VideoPlayback::frameShown, this, &InspectorWindow::onPlaybackFrame);
  connect(playback_, &VideoPlayback::playingChanged, this, [this](bool playing) {
    panel_->play_button->setText(playing ? tr("Pause (Space)") : tr("Play (Space)"));
  });
  connect(playback_, &VideoPlayback::exactFrameWanted, worker_, &AskWorker::decodeFrame);
  wireWorker();
  wirePanel();
  if (settings_) {
    panel_->rememberOverlay(*settings_);
    restoreGeometry(settings_->windowGeometry());
    restoreState(settings_->windowState());
  }
}

InspectorWindow::~InspectorWindow() {
  cancel_.cancel();
  worker_thread_.quit();
  worker_thread_.wait();
}

void InspectorWindow::closeEvent(QCloseEvent* event) {
  if (settings_) settings_->setWindowLayout(saveGeometry(), saveState());
  QMainWindow::closeEvent(event);
}

QuestionBox* InspectorWindow::questionBox() const { return panel_->question; }
QString InspectorWindow::tokenText() const { return panel_->answer->tokenText(); }
QString InspectorWindow::answerText() const { return panel_->answer->answerText(); }

void InspectorWindow::wireWorker() {
  connect(worker_, &AskWorker::modelLoaded, this, [this](const QString& name, const QString& device) {
    panel_->model_label->setText(QStringLiteral("%1 (%2)").arg(name, device));
    setBusy(false);
    emit modelReady();
  });
  connect(worker_, &AskWorker::answered, this, &InspectorWindow::onAnswered);
  connect(worker_, &AskWorker::projectOpened, this, [this](const QString& path) {
    project_path_ = path;
    setWindowTitle(path.isEmpty() ? QStringLiteral("AVQA Lens") : QStringLiteral("%1 — AVQA Lens").arg(QFileInfo(path).fileName()));
    file_menu_->setProject(path);
    if (!path.isEmpty()) dataset_dock_->loadProject(path);
    emit projectReady();
  });
  connect(worker_, &AskWorker::videoOpened, this, [this](const QString& path, double frame_rate, double) {
    video_path_ = path;
    panel_->video_label->setText(QFileInfo(path).fileName());
    answers_.clear();  // a new video: the last answers were about the old one
    for (VideoView* view : {video_view_, presentation_->videoView()}) view->clearHeatmap();
    presentation_->showAnswer(QString());
    panel_->clearAnswer();
    timeline_->setCurves({});
    applyVideoContext(std::exchange(pending_context_, VideoContext{}));
    playback_->setSource(path, frame_rate);
    emit videoReady();
  });
  connect(worker_, &AskWorker::audioOverview, this,
          [this](const std::vector<float>& envelope, const QImage& spectrogram, double duration_s) {
            timeline_->setAudio(envelope, spectrogram, duration_s);
            emit audioShown();
          });
  connect(worker_, &AskWorker::frameDecoded, this, [this](const QImage& frame, double time_s) {
    onPlaybackFrame(frame, time_s);  // an exact frame step: shown like a played frame
    emit frameStepped(time_s);
  });
  connect(worker_, &AskWorker::failed, this, &InspectorWindow::onFailed);
  connect(worker_, &AskWorker::progress, panel_, &AskPanel::showProgress);
  connect(panel_, &AskPanel::progressShown, this, [this](const QString& stage) {
    if (presentation_->isVisible()) presentation_->showBusy(stage);
  });
}

void InspectorWindow::wirePanel() {
  connect(panel_->model_button, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Model"), QString(), tr("Models (*.avqamodel *.pt)"));
    if (!path.isEmpty()) loadModel(path);
  });
  connect(panel_->video_button, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Video"), QString(), tr("Videos (*.mp4 *.mkv *.webm *.mov *.avi)"));
    if (!path.isEmpty()) openVideo(path);
  });
  const auto ask_typed = [this] { ask(panel_->question->text()); };
  connect(panel_->ask_button, &QPushButton::clicked, this, ask_typed);
  connect(new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this), &QShortcut::activated, this, ask_typed);
  connect(panel_->cancel_button, &QPushButton::clicked, this, [this] { cancel_.cancel(); });
  connect(panel_->play_button, &QPushButton::clicked, this, &InspectorWindow::togglePlayback);
  connect(panel_->speed, &QComboBox::currentIndexChanged, this, [this](int index) {
    playback_->setRate(index == 0 ? 0.5 : index == 1 ? 1.0 : 2.0);
  });
  // Space, arrows, comma and period act on the video unless a text box has the focus.
  const auto video_shortcut = [this](QKeySequence keys, auto slot) {
    auto* shortcut = new QShortcut(keys, this);
    connect(shortcut, &QShortcut::activated, this, [this, slot] {
      if (!panel_->question->lineEdit()->hasFocus() && !qobject_cast<QLineEdit*>(focusWidget())) slot();
    });
  };
  video_shortcut(QKeySequence(Qt::Key_Space), [this] { togglePlayback(); });
  video_shortcut(QKeySequence(Qt::Key_Left), [this] { seekBy(-1.0); });
  video_shortcut(QKeySequence(Qt::Key_Right), [this] { seekBy(1.0); });
  video_shortcut(QKeySequence(Qt::Key_Comma), [this] { stepFrames(-1); });
  video_shortcut(QKeySequence(Qt::Key_Period), [this] { stepFrames(1); });
  video_shortcut(QKeySequence(Qt::Key_B), [this] { panel_->show_b->click(); });
  connect(panel_->heat_kind, &QComboBox::currentIndexChanged, this, [this] { refreshHeatmap(); });
  panel_->driveOverlay({video_view_, presentation_->videoView()});
  connect(panel_->step_slider, &QSlider::valueChanged, this, &InspectorWindow::showStep);
  connect(panel_->compare, &QCheckBox::toggled, this, [this] { showOutcome(); });
  connect(panel_->show_b, &QPushButton::toggled, this, [this] { showOutcome(); });
  connect(timeline_, &TimelineView::seekRequested, this, [this](double time_s) {
    seekTo(time_s);
    const int step = stepAt(time_s);
    if (step >= 0) panel_->step_slider->setValue(step);
  });
  connect(dataset_dock_, &DatasetDock::questionChosen, this, &InspectorWindow::onQuestionChosen);
  connect(dataset_dock_, &DatasetDock::failed, this, &InspectorWindow::onFailed);
  connect(file_menu_, &FileMenu::projectChosen, this, &InspectorWindow::openProject);
  connect(file_menu_, &FileMenu::projectChanged, this, [this] { dataset_dock_->loadProject(project_path_); });
  connect(file_menu_, &FileMenu::failed, this, &InspectorWindow::onFailed);
  connect(file_menu_, &FileMenu::workspaceRequested, this, &InspectorWindow::openWorkspace);
  connect(presentation_, &PresentationWindow::askRequested, this, &InspectorWindow::ask);
  connect(presentation_, &PresentationWindow::leaveRequested, this, [this] { setPresentationMode(false); });
  connect(presentation_, &PresentationWindow::playPauseRequested, this, &InspectorWindow::togglePlayback);
}

void InspectorWindow::openProject(const QString& path) {
  // The worker owns the project's connection: asks are stored from the thread that makes them.
  QMetaObject::invokeMethod(worker_, [worker = worker_, path] { worker->setProject(path); }, Qt::QueuedConnection);
}

void InspectorWindow::openVideo(const QString& path) {
  // Probing and decoding happen in the worker; the window only learns the result. Then the
  // project's past answers for this video come back, oldest first (the newest ends up as A).
  QMetaObject::invokeMethod(worker_, [worker = worker_, path] {
    worker->openVideo(path);
    worker->restoreAsks(path);
  }, Qt::QueuedConnection);
}

void InspectorWindow::loadModel(const QString& path) {
  setBusy(true);
  panel_->model_label->setText(tr("loading…"));
  QMetaObject::invokeMethod(worker_, [worker = worker_, path] { worker->loadModel(path); }, Qt::QueuedConnection);
}

void InspectorWindow::setQuestion(const QString& question) {
  panel_->question->setText(question);
  presentation_->setQuestion(question);
}

void InspectorWindow::setHeatmapKind(HeatmapKind kind) { panel_->heat_kind->setCurrentIndex(static_cast<int>(kind)); }

void InspectorWindow::setCompareSide(CompareSide side) { panel_->show_b->setChecked(side == CompareSide::B && answers_.b()); }

CompareSide InspectorWindow::shownSide() const { return panel_->show_b->isChecked() ? CompareSide::B : CompareSide::A; }

void InspectorWindow::ask(const QString& question) {
  if (video_path_.isEmpty() || question.trimmed().isEmpty()) {
    onFailed(tr("Open a video and type a question first."));
    return;
  }
  if (panel_->question->text() != question) setQuestion(question);
  cancel_ = CancelToken();
  setBusy(true);
  QMetaObject::invokeMethod(worker_, [worker = worker_, video = video_path_, question, cancel = cancel_, audio = audio_path_] {
    worker->ask(video, question, cancel, audio);
  }, Qt::QueuedConnection);
}

void InspectorWindow::setBusy(bool busy) {
  panel_->ask_button->setEnabled(!busy);
  panel_->cancel_button->setEnabled(busy);
  if (!busy) panel_->finishProgress();
}

void InspectorWindow::onQuestionChosen(const QuestionRow& row) {
  if (row.video_path.empty()) {
    onFailed(tr("Video %1 is in none of the project's folders (File > Add videos).").arg(QString::fromStdString(row.video_id)));
    return;
  }
  const QString video = QString::fromStdString(row.video_path);
  if (video != video_path_) openVideo(video);
  setQuestion(QString::fromStdString(row.question));
  // Where the ground truth says the answer lies, the mirror of an X_flip question, another
  // video's sound: for the video once open (now, when it already is: X and X_flip share a file).
  pending_context_ = {row.evidence_seconds, row.mirrored ? Mirror::Horizontal : Mirror::None, QString::fromStdString(row.audio_path)};
  if (!row.audio_video_id.empty() && row.audio_path.empty()) {
    onFailed(tr("The sound of video %1 this question plays with is in none of the project's folders.")
                 .arg(QString::fromStdString(row.audio_video_id)));
  }
  if (video == video_path_) applyVideoContext(std::exchange(pending_context_, VideoContext{}));
  statusBar()->showMessage(tr("%1 · %2 · dataset answer: %3")
                               .arg(QString::fromStdString(row.split), QString::fromStdString(row.video_id),
                                    QString::fromStdString(row.answer)));
}

void InspectorWindow::applyVideoContext(const VideoContext& context) {
  timeline_->setEvidenceSeconds(context.evidence_seconds);
  for (VideoView* view : {video_view_, presentation_->videoView()}) view->setFrameMirror(context.mirror);
  audio_path_ = context.audio_path;
  playback_->setAudioSource(audio_path_);
}

void InspectorWindow::onAnswered(const AskOutcome& outcome) {
  if (!outcome.restored) setBusy(false);
  panel_->error_label->clear();
  answers_.add(outcome);
  panel_->compare->setEnabled(answers_.b().has_value());
  panel_->show_b->setEnabled(answers_.b().has_value());
  {
    const QSignalBlocker block(panel_->show_b);
    panel_->show_b->setChecked(false);  // a new answer shows itself
  }
  if (!outcome.restored && outcome.stored_ask_id > 0) {
    dataset_dock_->model()->setAskedAnswer(QFileInfo(video_path_).completeBaseName().toStdString(),
                                           outcome.question.toStdString(), outcome.result.prediction.answer());
  }
  showOutcome();
  emit answerShown();
}

void InspectorWindow::showOutcome() {
  const AskOutcome* shown = shownOutcome();
  if (!shown) return;
  const Prediction& p = shown->result.prediction;
  // Show a map the model has: the chosen kind when the answer holds it, else the other one.
  if (panel_->heat_kind->currentIndex() == static_cast<int>(HeatmapKind::QuestionGuided) && !p.spatial && p.sound_spatial) {
    setHeatmapKind(HeatmapKind::SoundGuided);
  } else if (panel_->heat_kind->currentIndex() == static_cast<int>(HeatmapKind::SoundGuided) && !p.sound_spatial && p.spatial) {
    setHeatmapKind(HeatmapKind::QuestionGuided);
  }
  const bool comparing = answers_.b().has_value() && panel_->compare->isChecked();
  panel_->answer->showOutcome(*shown, comparing ? (shownSide() == CompareSide::A ? QStringLiteral("A") : QStringLiteral("B")) : QString());
  presentation_->showAnswer(QString::fromStdString(p.answer()));
  timeline_->setSteps(p.steps, shown->result.media.duration_s);
  timeline_->setCurves(answers_.curves(panel_->compare->isChecked()));
  panel_->step_slider->setRange(0, static_cast<int>(p.steps.size()) - 1);
  panel_->step_slider->setEnabled(true);
  int best = 0;
  if (p.temporal) best = static_cast<int>(std::max_element(p.temporal->begin(), p.temporal->end()) - p.temporal->begin());
  const QSignalBlocker block(panel_->step_slider);
  panel_->step_slider->setValue(best);
  showStep(best);
}

void InspectorWindow::showStep(int step) {
  const AskOutcome* shown = shownOutcome();
  if (!shown || step < 0 || step >= static_cast<int>(shown->step_frames.size())) return;
  step_ = step;
  const TimeStep& span = shown->result.prediction.steps[static_cast<std::size_t>(step)];
  showFrame(shown->step_frames[static_cast<std::size_t>(step)]);
  timeline_->setPlayhead(span.frameTime());
  refreshHeatmap();
}

void InspectorWindow::refreshHeatmap() {
  const AskOutcome* shown = shownOutcome();
  if (!shown) return;
  const std::optional<FrameHeatmap> heat = stepHeatmap(shown->result.prediction, step_,
                                                      static_cast<HeatmapKind>(panel_->heat_kind->currentIndex()), video_path_);
  for (VideoView* view : {video_view_, presentation_->videoView()}) {
    if (heat) {
      view->setHeatmap(*heat);
    } else {
      view->clearHeatmap();
    }
  }
}

void InspectorWindow::onFailed(const QString& message) {
  setBusy(false);
  panel_->error_label->setText(message);
  if (presentation_->isVisible()) presentation_->showAnswer(QString());
  emit errorShown(message);
}

void InspectorWindow::setPresentationMode(bool on) {
  if (!on) {
    presentation_->hide();
    activateWindow();
    return;
  }
  const AskOutcome* shown = shownOutcome();
  presentation_->present(panel_->question->text(), shown ? QString::fromStdString(shown->result.prediction.answer()) : QString(),
                         video_view_->frame(), screen()->geometry());
  refreshHeatmap();
}

void InspectorWindow::showFrame(const QImage& frame) {
  video_view_->setFrame(frame);
  if (presentation_->isVisible()) presentation_->videoView()->setFrame(frame);
}

void InspectorWindow::onPlaybackFrame(const QImage& frame, double time_s) {
  showFrame(frame);
  timeline_->setPlayhead(time_s);
  // The overlay follows the step the playhead is in (nothing on padded steps).
  const int step = stepAt(time_s);
  if (shownOutcome() && step != step_) {
    step_ = step;
    if (step >= 0) {
      const QSignalBlocker block(panel_->step_slider);
      panel_->step_slider->setValue(step);
    }
    refreshHeatmap();
  }
}

WorkspaceWindow* InspectorWindow::openWorkspace() {
  if (project_path_.isEmpty()) {
    onFailed(tr("Open a project first (File > Open project)."));
    return nullptr;
  }
  try {
    if (!workspace_ || workspace_->projectPath() != project_path_) {
      delete workspace_;
      workspace_ = new WorkspaceWindow(project_path_, this);
      connect(workspace_, &WorkspaceWindow::questionChosen, this, [this](const QuestionRow& row) {
        onQuestionChosen(row);
        activateWindow();
      });
      connect(workspace_, &WorkspaceWindow::rowsReloaded, this, [this] { dataset_dock_->loadProject(project_path_); });
    }
    workspace_->show();
    workspace_->activateWindow();
  } catch (const std::exception& error) {
    onFailed(QString::fromUtf8(error.what()));
  }
  return workspace_;
}

QMediaPlayer* InspectorWindow::player() const { return playback_->player(); }
void InspectorWindow::togglePlayback() { playback_->togglePlayback(); }
void InspectorWindow::stepFrames(int frames) { playback_->stepFrames(frames); }
void InspectorWindow::seekBy(double seconds) { playback_->seekBy(seconds); }
void InspectorWindow::seekTo(double time_s) { playback_->seekTo(time_s); }

}  // namespace avqa
