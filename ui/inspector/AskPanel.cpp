#include "AskPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <algorithm>
#include <QVBoxLayout>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QStandardItemModel>

#include "AnswerView.h"
#include "media/Colormap.h"
#include "InspectorSession.h"
#include "QuestionBox.h"
#include "UiSettings.h"
#include "VideoView.h"

namespace avqa {
namespace {

QString percent(double share) { return QString::number(share * 100.0, 'f', 0) + QStringLiteral(" %"); }

QString mapLine(const char* name, const MapFigures& map) {
  return QObject::tr("<br><i>%1 map</i>: points at the evidence in %2 of %3 evidence seconds (uniform %4, centre %5) · "
                     "%6 of its energy in the box (uniform %7) · cIoU %8 (centre %9)")
      .arg(QString::fromLatin1(name))
      .arg(static_cast<int>(map.pointing * map.steps + 0.5))
      .arg(map.steps)
      .arg(map.pointing_uniform, 0, 'f', 2)
      .arg(map.pointing_centre, 0, 'f', 0)
      .arg(percent(map.energy), percent(map.energy_uniform))
      .arg(map.ciou, 0, 'f', 2)
      .arg(map.ciou_centre, 0, 'f', 2);
}

// The dataset's answer with a badge, and how the attention meets the evidence.
QString verdictHtml(const InspectorSession& session) {
  const std::optional<DatasetTruth>& truth = session.truth();
  const AskOutcome* shown = session.shownOutcome();
  if (!truth || !shown) return {};
  const bool right = QString::fromStdString(shown->result.prediction.answer()) == truth->answer;
  QString html = QObject::tr("Dataset answer: <b>%1</b> <span style='color:%2'><b>%3</b></span>")
                     .arg(truth->answer.toHtmlEscaped(), right ? QStringLiteral("#2a9a40") : QStringLiteral("#d03030"),
                          right ? QObject::tr("✓ right") : QObject::tr("✗ wrong"));
  const std::optional<QuestionFigures> figures = session.figures();
  if (!figures) return html;
  if (figures->temporal_mass) {
    html += QObject::tr("<br><i>time</i>: %1 of the temporal weight on the evidence seconds (uniform %2)")
                .arg(percent(*figures->temporal_mass), percent(figures->temporal_mass_uniform.value_or(0.0)));
  }
  if (figures->sound_spatial) html += mapLine("sound-guided", *figures->sound_spatial);
  if (figures->spatial) html += mapLine("question-guided", *figures->spatial);
  return html;
}

}  // namespace

AskPanel::AskPanel(QString models_folder, QWidget* parent) : QWidget(parent), models_folder_(std::move(models_folder)) {
  model_button_ = new QPushButton(tr("Model…"));
  video_button_ = new QPushButton(tr("Video…"));
  model_label_ = new QLabel(tr("no model"));
  model_label_->setWordWrap(true);
  video_label_ = new QLabel(tr("no video"));
  question_ = new QuestionBox;
  ask_button_ = new QPushButton(tr("Ask (Ctrl+Enter)"));
  cancel_button_ = new QPushButton(tr("Cancel"));
  cancel_button_->setEnabled(false);
  progress_ = new QProgressBar;
  error_label_ = new QLabel;
  error_label_->setWordWrap(true);
  error_label_->setStyleSheet(QStringLiteral("color: #d04040"));
  answer_ = new AnswerView;
  heat_kind_ = new QComboBox;
  heat_kind_->addItems({tr("question-guided"), tr("sound-guided"), tr("none"), tr("saliency (gradient × input)")});
  heat_kind_->setItemData(static_cast<int>(HeatmapKind::Saliency),
                         tr("Not the model's attention: which patches and seconds moved the answer's logit. "
                            "Asks compute it while this is chosen."), Qt::ToolTipRole);
  map_scale_ = new QComboBox;
  map_scale_->addItems({tr("each step to its own peak"), tr("one scale for the answer (and A/B)")});
  map_scale_->setCurrentIndex(static_cast<int>(MapScale::WholeAnswer));
  dimming_ = new QCheckBox(tr("dim steps by temporal weight"));
  dimming_->setChecked(true);
  colormap_ = new QComboBox;
  colormap_->addItems({QStringLiteral("inferno"), QStringLiteral("viridis"), QStringLiteral("jet")});
  opacity_ = new QSlider(Qt::Horizontal);
  opacity_->setRange(0, 100);
  opacity_->setValue(65);
  sampling_ = new QComboBox;
  sampling_->addItems({tr("smooth"), tr("blocky")});
  grid_lines_ = new QCheckBox(tr("grid"));
  kept_outlines_ = new QCheckBox(tr("kept patches"));
  kept_outlines_->setToolTip(tr("Outline the patches the model kept (PSTP-Net's top-m)"));
  map_notice_ = new QLabel;
  map_notice_->setWordWrap(true);
  map_notice_->setStyleSheet(QStringLiteral("color: #b08020"));
  readout_ = new QLabel;
  readout_->setWordWrap(true);
  legend_bar_ = new QLabel;
  legend_text_ = new QLabel;
  legend_text_->setStyleSheet(QStringLiteral("color: palette(mid)"));
  step_slider_ = new QSlider(Qt::Horizontal);
  step_slider_->setEnabled(false);
  compare_ = new QCheckBox(tr("compare with the previous answer"));
  compare_->setEnabled(false);
  show_other_ = new QPushButton(tr("Show B"));
  show_other_->setEnabled(false);
  show_other_->setToolTip(tr("Switch the heatmap, answer and question between A (newest) and B (the one before); key B"));
  play_button_ = new QPushButton(tr("Play (Space)"));
  speed_ = new QComboBox;
  speed_->addItems({QStringLiteral("0.5x"), QStringLiteral("1x"), QStringLiteral("2x")});
  speed_->setCurrentIndex(1);
  layOut();

  connect(model_button_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Model"), models_folder_, tr("Models (*.avqamodel *.pt)"));
    if (!path.isEmpty()) emit modelFileChosen(path);
  });
  connect(video_button_, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Video"), QString(), tr("Videos (*.mp4 *.mkv *.webm *.mov *.avi)"));
    if (!path.isEmpty()) emit videoFileChosen(path);
  });
  connect(ask_button_, &QPushButton::clicked, this, &AskPanel::askRequested);
  connect(cancel_button_, &QPushButton::clicked, this, &AskPanel::cancelRequested);
  connect(question_->lineEdit(), &QLineEdit::textChanged, this, [this] { emit questionEdited(question_->text()); });
  connect(play_button_, &QPushButton::clicked, this, &AskPanel::playRequested);
  connect(speed_, &QComboBox::currentIndexChanged, this, [this](int index) { emit rateChosen(index == 0 ? 0.5 : index == 1 ? 1.0 : 2.0); });
  connect(heat_kind_, &QComboBox::currentIndexChanged, this, [this](int index) { emit heatmapKindChosen(static_cast<HeatmapKind>(index)); });
  connect(map_scale_, &QComboBox::currentIndexChanged, this, [this](int index) { emit mapScaleChosen(static_cast<MapScale>(index)); });
  connect(dimming_, &QCheckBox::toggled, this, [this](bool on) { emit stepDimmingChosen(on ? StepDimming::ByTemporalWeight : StepDimming::Off); });
  connect(step_slider_, &QSlider::valueChanged, this, &AskPanel::stepChosen);
  connect(compare_, &QCheckBox::toggled, this, &AskPanel::comparingChosen);
  connect(show_other_, &QPushButton::clicked, this, &AskPanel::otherSideRequested);

  progress_timer_.setSingleShot(true);
  progress_timer_.setInterval(150);
  connect(&progress_timer_, &QTimer::timeout, this, [this] {
    progress_->setFormat(progress_stage_ + QStringLiteral(" %p%"));
    progress_->setValue(static_cast<int>(progress_fraction_ * 100));
    emit progressShown(progress_stage_);
  });
}

void AskPanel::layOut() {
  auto* form = new QFormLayout(this);
  auto* look = new QHBoxLayout;
  look->addWidget(sampling_);
  look->addWidget(grid_lines_);
  look->addWidget(kept_outlines_);
  auto* ab = new QHBoxLayout;
  ab->addWidget(compare_, 1);
  ab->addWidget(show_other_);
  form->addRow(model_button_, model_label_);
  form->addRow(video_button_, video_label_);
  form->addRow(tr("Question"), question_);
  form->addRow(ask_button_, cancel_button_);
  form->addRow(progress_);
  form->addRow(error_label_);
  form->addRow(answer_);
  form->addRow(tr("Heatmap"), heat_kind_);
  form->addRow(map_notice_);
  form->addRow(tr("Scale"), map_scale_);
  form->addRow(QString(), dimming_);
  form->addRow(tr("Colormap"), colormap_);
  auto* legend = new QVBoxLayout;
  legend->setSpacing(1);
  legend->addWidget(legend_bar_);
  legend->addWidget(legend_text_);
  form->addRow(tr("Legend"), legend);
  form->addRow(tr("Opacity"), opacity_);
  form->addRow(tr("Look"), look);
  form->addRow(tr("Step"), step_slider_);
  form->addRow(readout_);
  form->addRow(ab);
  form->addRow(play_button_, speed_);
}

void AskPanel::showProgress(const QString& stage, double fraction) {
  progress_stage_ = stage;
  progress_fraction_ = fraction;
  if (!progress_timer_.isActive()) progress_timer_.start();
}

void AskPanel::finishProgress() {
  progress_timer_.stop();
  progress_->setValue(progress_->maximum());
}

void AskPanel::showModel(const QString& label) { model_label_->setText(label); }

void AskPanel::showBusy(bool busy) {
  ask_button_->setEnabled(!busy);
  cancel_button_->setEnabled(busy);
  if (!busy) finishProgress();
}

void AskPanel::showPlaying(bool playing) { play_button_->setText(playing ? tr("Pause (Space)") : tr("Play (Space)")); }

void AskPanel::showStep(int step) {
  if (step < 0) return;
  const QSignalBlocker block(step_slider_);
  step_slider_->setValue(step);
}

void AskPanel::clearAnswer() {
  answer_->clear();
  error_label_->clear();
  compare_->setEnabled(false);
  show_other_->setEnabled(false);
  step_slider_->setEnabled(false);
  readout_->clear();
  map_notice_->clear();
}

void AskPanel::requestOtherSide() { emit otherSideRequested(); }

void AskPanel::showSession(const InspectorSession& session) {
  const bool has_b = session.answers().b().has_value();
  compare_->setEnabled(has_b);
  show_other_->setEnabled(has_b);
  show_other_->setText(session.shownSide() == CompareSide::A ? tr("Show B") : tr("Show A"));
  const AskOutcome* shown = session.shownOutcome();
  if (!shown) {
    answer_->clear();
    step_slider_->setEnabled(false);
    showOverlayState(session);
    return;
  }
  const QString tag = session.comparing() || session.shownSide() == CompareSide::B
                          ? (session.shownSide() == CompareSide::A ? QStringLiteral("A") : QStringLiteral("B"))
                          : QString();
  answer_->showOutcome(*shown, tag);
  answer_->showVerdict(verdictHtml(session));
  // The dock scrolls the panel: it must not squeeze the answer's rich text to fit.
  layout()->activate();
  setMinimumHeight(layout()->minimumSize().height());
  const QSignalBlocker block(step_slider_);
  step_slider_->setRange(0, static_cast<int>(shown->result.prediction.steps.size()) - 1);
  step_slider_->setEnabled(true);
  step_slider_->setValue(std::max(0, session.step()));
  showOverlayState(session);
}

void AskPanel::showOverlayState(const InspectorSession& session) {
  // A map the shown answer's model does not fill is greyed out in the list, and said so.
  auto* items = qobject_cast<QStandardItemModel*>(heat_kind_->model());
  const bool any_answer = session.shownOutcome() != nullptr;
  for (HeatmapKind kind : {HeatmapKind::QuestionGuided, HeatmapKind::SoundGuided}) {
    if (QStandardItem* item = items ? items->item(static_cast<int>(kind)) : nullptr) {
      item->setEnabled(!any_answer || session.fillsMap(kind));
    }
  }
  map_notice_->setText(session.mapNotice());
  // The legend: the colormap from no weight (transparent) to the weight drawn at full colour.
  const Colormap shown_colormap = chosenColormap();
  legend_bar_->setPixmap(QPixmap::fromImage(colormapLut(shown_colormap).scaled(220, 10)));
  const std::optional<FrameHeatmap> heat = session.heatmap();
  if (heat) {
    const float own_peak = *std::max_element(heat->weights.begin(), heat->weights.end());
    const float peak = heat->scale_peak > 0.0f ? heat->scale_peak : own_peak;
    legend_text_->setText(tr("0 … %1 of the patch weight (%2)%3")
                              .arg(peak, 0, 'f', 3)
                              .arg(heat->scale_peak > 0.0f ? tr("one scale for the answer") : tr("this step's own peak"))
                              .arg(heat->strength < 0.999f ? tr(", dimmed to %1 %").arg(static_cast<int>(heat->strength * 100)) : QString()));
  } else {
    legend_text_->setText(tr("no map shown"));
  }
  const AskOutcome* shown = session.shownOutcome();
  const int step = session.step();
  if (!shown || step < 0 || step >= static_cast<int>(shown->result.prediction.steps.size())) {
    readout_->clear();
    return;
  }
  const TimeStep& span = shown->result.prediction.steps[static_cast<std::size_t>(step)];
  QString text = tr("step %1 of %2 · %3–%4 s").arg(step + 1).arg(shown->result.prediction.steps.size())
                     .arg(span.start_s, 0, 'f', 1).arg(span.end_s, 0, 'f', 1);
  if (session.stepWeight() >= 0) text += tr(" · temporal weight %1 of the peak").arg(session.stepWeight(), 0, 'f', 2);
  readout_->setText(text);
}

void AskPanel::driveOverlay(const std::vector<VideoView*>& views) {
  connect(colormap_, &QComboBox::currentIndexChanged, this, [this, views](int index) {
    emit colormapChosen();
    const Colormap chosen = index == 0 ? Colormap::Inferno : index == 1 ? Colormap::Viridis : Colormap::Jet;
    for (VideoView* view : views) view->setColormap(chosen);
  });
  connect(opacity_, &QSlider::valueChanged, this, [views](int value) {
    for (VideoView* view : views) view->setOpacity(static_cast<float>(value) / 100.0f);
  });
  connect(sampling_, &QComboBox::currentIndexChanged, this, [views](int index) {
    for (VideoView* view : views) view->setSampling(index == 0 ? HeatmapSampling::Smooth : HeatmapSampling::Blocky);
  });
  connect(grid_lines_, &QCheckBox::toggled, this, [views](bool on) {
    for (VideoView* view : views) view->setGridLines(on ? GridLines::Shown : GridLines::Hidden);
  });
  kept_outlines_->setChecked(true);
  connect(kept_outlines_, &QCheckBox::toggled, this, [views](bool on) {
    for (VideoView* view : views) view->setKeptOutlines(on ? KeptOutlines::Shown : KeptOutlines::Hidden);
  });
}

void AskPanel::rememberOverlay(UiSettings& settings) {
  heat_kind_->setCurrentIndex(settings.heatmapKind(static_cast<int>(HeatmapKind::QuestionGuided)));
  colormap_->setCurrentIndex(settings.colormap());
  opacity_->setValue(settings.opacityPercent());
  connect(heat_kind_, &QComboBox::currentIndexChanged, this, [&settings](int index) { settings.setHeatmapKind(index); });
  connect(colormap_, &QComboBox::currentIndexChanged, this, [&settings](int index) { settings.setColormap(index); });
  connect(opacity_, &QSlider::valueChanged, this, [&settings](int value) { settings.setOpacityPercent(value); });
}

void AskPanel::bindShortcuts(QWidget& window, const std::vector<std::pair<int, std::function<void()>>>& keys) {
  const auto ask_shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), &window);
  connect(ask_shortcut, &QShortcut::activated, this, &AskPanel::askRequested);
  for (const auto& [key, action] : keys) {
    auto* shortcut = new QShortcut(QKeySequence(key), &window);
    connect(shortcut, &QShortcut::activated, this, [this, &window, action = action] {
      if (!question_->lineEdit()->hasFocus() && !qobject_cast<QLineEdit*>(window.focusWidget())) action();
    });
  }
}

QString AskPanel::questionText() const { return question_->text(); }

void AskPanel::showQuestionText(const QString& question) {
  if (question_->text() != question) question_->setText(question);
}

void AskPanel::showVideoName(const QString& name) { video_label_->setText(name); }

void AskPanel::showProblem(const QString& message) { error_label_->setText(message); }

QString AskPanel::otherSideLabel() const { return show_other_->text(); }

void AskPanel::chooseHeatmapKind(HeatmapKind kind) { heat_kind_->setCurrentIndex(static_cast<int>(kind)); }

void AskPanel::chooseColormap(Colormap colormap) {
  colormap_->setCurrentIndex(colormap == Colormap::Inferno ? 0 : colormap == Colormap::Viridis ? 1 : 2);
}

Colormap AskPanel::chosenColormap() const {
  const int index = colormap_->currentIndex();
  return index == 0 ? Colormap::Inferno : index == 1 ? Colormap::Viridis : Colormap::Jet;
}

void AskPanel::chooseComparing(bool on) { compare_->setChecked(on); }

}  // namespace avqa
