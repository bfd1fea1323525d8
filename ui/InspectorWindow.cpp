#include "InspectorWindow.h"

#include <QAudioOutput>
#include <QComboBox>
#include <QAudioDevice>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QVideoFrame>
#include <QVideoSink>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "TimelineView.h"
#include "VideoView.h"

namespace avqa {

InspectorWindow::InspectorWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(QStringLiteral("AVQA Lens"));
  worker_ = new AskWorker;
  worker_->moveToThread(&worker_thread_);
  connect(&worker_thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &AskWorker::modelLoaded, this, [this](const QString& name, const QString& device) {
    model_label_->setText(QStringLiteral("%1 (%2)").arg(name, device));
    setBusy(false);
    emit modelReady();
  });
  connect(worker_, &AskWorker::answered, this, &InspectorWindow::onAnswered);
  connect(worker_, &AskWorker::videoOpened, this, [this](const QString& path, double frame_rate, double) {
    video_path_ = path;
    video_label_->setText(QFileInfo(path).fileName());
    outcome_.reset();  // a new video: the last answer was about the old one
    video_view_->clearHeatmap();
    answer_label_->clear();
    tokens_label_->clear();
    error_label_->clear();
    timeline_->setCurves({});
    frame_rate_ = frame_rate > 0 ? frame_rate : 25.0;
    paused_time_s_ = 0.0;
    player_->setSource(QUrl::fromLocalFile(path));
    emit videoReady();
  });
  connect(worker_, &AskWorker::audioOverview, this,
          [this](const std::vector<float>& envelope, const QImage& spectrogram, double duration_s) {
            timeline_->setAudio(envelope, spectrogram, duration_s);
            emit audioShown();
          });
  connect(worker_, &AskWorker::frameDecoded, this, [this](const QImage& frame, double time_s) {
    video_view_->setFrame(frame);
    timeline_->setPlayhead(time_s);
    const int step = stepAt(time_s);
    if (outcome_ && step >= 0 && step != step_) {
      step_ = step;
      const QSignalBlocker block(step_slider_);
      step_slider_->setValue(step);
    }
    if (outcome_ && step >= 0) refreshHeatmap();
    emit frameStepped(time_s);
  });
  connect(worker_, &AskWorker::failed, this, &InspectorWindow::onFailed);
  connect(worker_, &AskWorker::progress, this, [this](const QString& stage, double fraction) {
    progress_->setFormat(stage + QStringLiteral(" %p%"));
    progress_->setValue(static_cast<int>(fraction * 100));
  });
  worker_thread_.start();
  buildLayout();
  // Playback through QtMultimedia; frames go into the same OpenGL view the heatmap uses.
  // Without a sound device (CI, Xvfb) the video still plays, silently.
  player_ = new QMediaPlayer(this);
  if (!QMediaDevices::audioOutputs().isEmpty()) {  // Qt 6.4's FFmpeg backend crashes on an output with no device
    audio_output_ = new QAudioOutput(this);
    player_->setAudioOutput(audio_output_);
  }
  auto* sink = new QVideoSink(this);
  player_->setVideoSink(sink);
  connect(sink, &QVideoSink::videoFrameChanged, this, &InspectorWindow::onVideoFrame);
  connect(player_, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState state) {
    play_button_->setText(state == QMediaPlayer::PlayingState ? tr("Pause (Space)") : tr("Play (Space)"));
  });
}

void InspectorWindow::onVideoFrame(const QVideoFrame& frame) {
  if (!frame.isValid()) return;
  video_view_->setFrame(frame.toImage());
  const double time_s = player_->position() / 1000.0;
  if (player_->playbackState() == QMediaPlayer::PlayingState) paused_time_s_ = time_s;  // frame steps start here
  timeline_->setPlayhead(time_s);
  // While playing, the overlay follows the step the playhead is in (nothing on padded steps).
  const int step = stepAt(time_s);
  if (outcome_ && step != step_) {
    step_ = step;
    if (step >= 0) {
      const QSignalBlocker block(step_slider_);
      step_slider_->setValue(step);
      refreshHeatmap();
    } else {
      video_view_->clearHeatmap();
    }
  }
}

int InspectorWindow::stepAt(double time_s) const {
  if (!outcome_) return -1;
  const auto& steps = outcome_->result.prediction.steps;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (!steps[i].padded && time_s >= steps[i].start_s && time_s < steps[i].end_s) return static_cast<int>(i);
  }
  return -1;
}

void InspectorWindow::togglePlayback() {
  if (video_path_.isEmpty()) return;
  if (player_->playbackState() == QMediaPlayer::PlayingState) {
    player_->pause();
  } else {
    player_->play();
  }
}

void InspectorWindow::stepFrames(int frames) {
  if (video_path_.isEmpty()) return;
  if (player_->playbackState() == QMediaPlayer::PlayingState) player_->pause();
  // Aim at the middle of the target frame so rounding never lands on its neighbour.
  const double frame_s = 1.0 / frame_rate_;
  const double current = std::floor(paused_time_s_ / frame_s + 1e-6);
  paused_time_s_ = std::max(0.0, (current + frames) * frame_s);
  const double target = paused_time_s_ + frame_s / 2.0;
  player_->setPosition(static_cast<qint64>(paused_time_s_ * 1000));
  QMetaObject::invokeMethod(worker_, [worker = worker_, video = video_path_, target] { worker->decodeFrame(video, target); },
                            Qt::QueuedConnection);
}

void InspectorWindow::seekBy(double seconds) { seekTo(player_->position() / 1000.0 + seconds); }

void InspectorWindow::seekTo(double time_s) {
  paused_time_s_ = std::max(0.0, time_s);
  player_->setPosition(static_cast<qint64>(paused_time_s_ * 1000));
}

InspectorWindow::~InspectorWindow() {
  cancel_.cancel();
  worker_thread_.quit();
  worker_thread_.wait();
}

void InspectorWindow::buildLayout() {
  auto* central = new QWidget(this);
  auto* columns = new QHBoxLayout(central);
  auto* left = new QVBoxLayout;
  video_view_ = new VideoView(central);
  timeline_ = new TimelineView(central);
  left->addWidget(video_view_, 1);
  left->addWidget(timeline_);
  columns->addLayout(left, 3);

  auto* panel = new QFormLayout;
  auto* model_button = new QPushButton(tr("Model…"));
  auto* video_button = new QPushButton(tr("Video…"));
  model_label_ = new QLabel(tr("no model"));
  video_label_ = new QLabel(tr("no video"));
  question_edit_ = new QLineEdit;
  question_edit_->setPlaceholderText(tr("Which instrument sounds first?"));
  ask_button_ = new QPushButton(tr("Ask (Ctrl+Enter)"));
  cancel_button_ = new QPushButton(tr("Cancel"));
  cancel_button_->setEnabled(false);
  progress_ = new QProgressBar;
  error_label_ = new QLabel;
  error_label_->setWordWrap(true);
  error_label_->setStyleSheet(QStringLiteral("color: #d04040"));
  answer_label_ = new QLabel;
  answer_label_->setWordWrap(true);
  answer_label_->setTextFormat(Qt::RichText);
  heat_kind_ = new QComboBox;
  heat_kind_->addItems({tr("question-guided"), tr("sound-guided"), tr("none")});
  colormap_ = new QComboBox;
  colormap_->addItems({QStringLiteral("inferno"), QStringLiteral("viridis"), QStringLiteral("jet")});
  opacity_ = new QSlider(Qt::Horizontal);
  opacity_->setRange(0, 100);
  opacity_->setValue(65);
  step_slider_ = new QSlider(Qt::Horizontal);
  step_slider_->setEnabled(false);
  play_button_ = new QPushButton(tr("Play (Space)"));
  speed_ = new QComboBox;
  speed_->addItems({QStringLiteral("0.5x"), QStringLiteral("1x"), QStringLiteral("2x")});
  speed_->setCurrentIndex(1);
  tokens_label_ = new QLabel;
  tokens_label_->setTextFormat(Qt::RichText);
  tokens_label_->setWordWrap(true);
  panel->addRow(model_button, model_label_);
  panel->addRow(video_button, video_label_);
  panel->addRow(tr("Question"), question_edit_);
  panel->addRow(ask_button_, cancel_button_);
  panel->addRow(progress_);
  panel->addRow(error_label_);
  panel->addRow(answer_label_);
  panel->addRow(tr("Heatmap"), heat_kind_);
  panel->addRow(tr("Colormap"), colormap_);
  panel->addRow(tr("Opacity"), opacity_);
  panel->addRow(tr("Step"), step_slider_);
  panel->addRow(play_button_, speed_);
  panel->addRow(tokens_label_);
  columns->addLayout(panel, 2);
  setCentralWidget(central);
  resize(1100, 620);

  connect(model_button, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Model"), QString(), tr("Models (*.avqamodel *.pt)"));
    if (!path.isEmpty()) loadModel(path);
  });
  connect(video_button, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Video"), QString(), tr("Videos (*.mp4 *.mkv *.webm *.mov *.avi)"));
    if (!path.isEmpty()) openVideo(path);
  });
  connect(ask_button_, &QPushButton::clicked, this, [this] { ask(question_edit_->text()); });
  auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
  connect(shortcut, &QShortcut::activated, this, [this] { ask(question_edit_->text()); });
  connect(cancel_button_, &QPushButton::clicked, this, [this] { cancel_.cancel(); });
  connect(play_button_, &QPushButton::clicked, this, &InspectorWindow::togglePlayback);
  connect(speed_, &QComboBox::currentIndexChanged, this, [this](int index) {
    player_->setPlaybackRate(index == 0 ? 0.5 : index == 1 ? 1.0 : 2.0);
  });
  // Space, left and right act on the video unless the question box has the focus.
  const auto video_shortcut = [this](QKeySequence keys, auto slot) {
    auto* action_shortcut = new QShortcut(keys, video_view_->parentWidget());
    action_shortcut->setContext(Qt::WindowShortcut);
    connect(action_shortcut, &QShortcut::activated, this, [this, slot] {
      if (!question_edit_->hasFocus()) slot();
    });
  };
  video_shortcut(QKeySequence(Qt::Key_Space), [this] { togglePlayback(); });
  video_shortcut(QKeySequence(Qt::Key_Left), [this] { seekBy(-1.0); });
  video_shortcut(QKeySequence(Qt::Key_Right), [this] { seekBy(1.0); });
  video_shortcut(QKeySequence(Qt::Key_Comma), [this] { stepFrames(-1); });
  video_shortcut(QKeySequence(Qt::Key_Period), [this] { stepFrames(1); });
  connect(heat_kind_, &QComboBox::currentIndexChanged, this, [this] { refreshHeatmap(); });
  connect(colormap_, &QComboBox::currentIndexChanged, this, [this](int index) {
    video_view_->setColormap(index == 0 ? Colormap::Inferno : index == 1 ? Colormap::Viridis : Colormap::Jet);
  });
  connect(opacity_, &QSlider::valueChanged, this, [this](int value) { video_view_->setOpacity(value / 100.0f); });
  connect(step_slider_, &QSlider::valueChanged, this, &InspectorWindow::showStep);
  connect(timeline_, &TimelineView::seekRequested, this, [this](double time_s) {
    seekTo(time_s);
    const int step = stepAt(time_s);
    if (step >= 0) step_slider_->setValue(step);
  });
}

void InspectorWindow::openVideo(const QString& path) {
  // Probing and decoding happen in the worker; the window only learns the result.
  QMetaObject::invokeMethod(worker_, [worker = worker_, path] { worker->openVideo(path); }, Qt::QueuedConnection);
}

void InspectorWindow::loadModel(const QString& path) {
  setBusy(true);
  model_label_->setText(tr("loading…"));
  QMetaObject::invokeMethod(worker_, [worker = worker_, path] { worker->loadModel(path); }, Qt::QueuedConnection);
}

void InspectorWindow::setQuestion(const QString& question) { question_edit_->setText(question); }

void InspectorWindow::setHeatmapKind(HeatmapKind kind) { heat_kind_->setCurrentIndex(static_cast<int>(kind)); }

void InspectorWindow::ask(const QString& question) {
  if (video_path_.isEmpty() || question.trimmed().isEmpty()) {
    onFailed(tr("Open a video and type a question first."));
    return;
  }
  question_edit_->setText(question);
  cancel_ = CancelToken();
  setBusy(true);
  QMetaObject::invokeMethod(worker_, [worker = worker_, video = video_path_, question, cancel = cancel_] {
    worker->ask(video, question, cancel);
  }, Qt::QueuedConnection);
}

void InspectorWindow::setBusy(bool busy) {
  ask_button_->setEnabled(!busy);
  cancel_button_->setEnabled(busy);
  if (!busy) progress_->setValue(progress_->maximum());
}

void InspectorWindow::onAnswered(const AskOutcome& outcome) {
  setBusy(false);
  error_label_->clear();
  outcome_ = outcome;
  const Prediction& p = outcome.result.prediction;
  // Show a map the model has: the chosen kind when the answer holds it, else the other one.
  if (heat_kind_->currentIndex() == static_cast<int>(HeatmapKind::QuestionGuided) && !p.spatial && p.sound_spatial) {
    setHeatmapKind(HeatmapKind::SoundGuided);
  } else if (heat_kind_->currentIndex() == static_cast<int>(HeatmapKind::SoundGuided) && !p.sound_spatial && p.spatial) {
    setHeatmapKind(HeatmapKind::QuestionGuided);
  }
  QString text = QStringLiteral("<p style='font-size:18pt'><b>%1</b></p>").arg(QString::fromStdString(p.answer()).toHtmlEscaped());
  text += QStringLiteral("<table cellspacing='2'>");
  for (const RankedAnswer& ranked : p.top(5)) {  // the top answers as bars
    const int width = std::max(1, static_cast<int>(ranked.probability * 180));
    text += QStringLiteral("<tr><td>%1</td><td><table cellspacing='0'><tr><td bgcolor='#e0803a' width='%2' height='12'></td>"
                           "</tr></table></td><td>%3</td></tr>")
                .arg(QString::fromStdString(ranked.answer).toHtmlEscaped())
                .arg(width)
                .arg(QString::number(ranked.probability, 'f', 3));
  }
  text += QStringLiteral("</table>");
  for (const auto& [path, probabilities] : p.path_probs) {
    Prediction path_prediction;
    path_prediction.answers = p.answers;
    path_prediction.probabilities = probabilities;
    text += QStringLiteral("<div><i>%1 path:</i> %2</div>").arg(QString::fromStdString(path), QString::fromStdString(path_prediction.answer()));
  }
  answer_label_->setText(text);
  tokens_label_->setText(tokenText());
  timeline_->setSteps(p.steps, outcome.result.media.duration_s);
  std::vector<TimelineCurve> curves;
  if (p.temporal) curves.push_back({tr("focus"), QColor(240, 140, 60), *p.temporal, p.temporal_selected.value_or(std::vector<float>{})});
  timeline_->setCurves(curves);
  step_slider_->setRange(0, static_cast<int>(p.steps.size()) - 1);
  step_slider_->setEnabled(true);
  int best = 0;
  if (p.temporal) best = static_cast<int>(std::max_element(p.temporal->begin(), p.temporal->end()) - p.temporal->begin());
  step_slider_->setValue(best);
  showStep(best);
  emit answerShown();
}

QString InspectorWindow::tokenText() const {
  if (!outcome_) return {};
  const Prediction& p = outcome_->result.prediction;
  QString html;
  for (const auto& [name, weights] : p.tokens) {
    const float peak = weights.empty() ? 1.0f : std::max(1e-9f, *std::max_element(weights.begin(), weights.end()));
    html += QStringLiteral("<div><i>%1:</i> ").arg(QString::fromStdString(name).toHtmlEscaped());
    for (std::size_t i = 0; i < p.question_words.size() && i < weights.size(); ++i) {
      // Stronger attention, deeper orange behind the word.
      const int alpha = static_cast<int>(std::clamp(weights[i] / peak, 0.0f, 1.0f) * 200.0f);
      html += QStringLiteral("<span style='background-color: rgba(230, 120, 40, %1)'>%2</span> ")
                  .arg(alpha)
                  .arg(QString::fromStdString(p.question_words[i]).toHtmlEscaped());
    }
    html += QStringLiteral("</div>");
  }
  return html;
}

void InspectorWindow::showStep(int step) {
  if (!outcome_ || step < 0 || step >= static_cast<int>(outcome_->step_frames.size())) return;
  step_ = step;
  const TimeStep& span = outcome_->result.prediction.steps[static_cast<std::size_t>(step)];
  video_view_->setFrame(outcome_->step_frames[static_cast<std::size_t>(step)]);
  timeline_->setPlayhead(span.frameTime());
  refreshHeatmap();
}

void InspectorWindow::refreshHeatmap() {
  if (!outcome_) return;
  const Prediction& p = outcome_->result.prediction;
  const std::optional<Matrix>& map = heat_kind_->currentIndex() == 0 ? p.spatial : p.sound_spatial;
  const TimeStep& span = p.steps[static_cast<std::size_t>(step_)];
  // Nothing on padded steps, steps without a map, or when no heatmap is wanted.
  if (heat_kind_->currentIndex() == 2 || !map || span.padded || map->cols == 0) {
    video_view_->clearHeatmap();
    return;
  }
  FrameHeatmap heat;
  heat.weights.assign(map->values.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(step_) * map->cols),
                      map->values.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(step_ + 1) * map->cols));
  if (std::all_of(heat.weights.begin(), heat.weights.end(), [](float w) { return w == 0.0f; })) {
    video_view_->clearHeatmap();
    return;
  }
  if (p.grid.size() != 2 || p.grid[0] * p.grid[1] != static_cast<int>(map->cols)) {
    video_view_->clearHeatmap();
    return;
  }
  heat.rows = p.grid[0];
  heat.columns = p.grid[1];
  heat.crop = p.crop;
  heat.mirror = QFileInfo(video_path_).completeBaseName().endsWith(QStringLiteral("_flip")) ? Mirror::Horizontal : Mirror::None;
  video_view_->setHeatmap(heat);
}

void InspectorWindow::onFailed(const QString& message) {
  setBusy(false);
  error_label_->setText(message);
  emit errorShown(message);
}

}  // namespace avqa
