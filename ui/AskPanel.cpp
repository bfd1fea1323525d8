#include "AskPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>

#include "AnswerView.h"
#include "QuestionBox.h"
#include "UiSettings.h"
#include "VideoView.h"

namespace avqa {

AskPanel::AskPanel(QWidget* parent) : QWidget(parent) {
  auto* form = new QFormLayout(this);
  model_button = new QPushButton(tr("Model…"));
  video_button = new QPushButton(tr("Video…"));
  model_label = new QLabel(tr("no model"));
  model_label->setWordWrap(true);
  video_label = new QLabel(tr("no video"));
  question = new QuestionBox;
  ask_button = new QPushButton(tr("Ask (Ctrl+Enter)"));
  cancel_button = new QPushButton(tr("Cancel"));
  cancel_button->setEnabled(false);
  progress = new QProgressBar;
  error_label = new QLabel;
  error_label->setWordWrap(true);
  error_label->setStyleSheet(QStringLiteral("color: #d04040"));
  answer = new AnswerView;
  heat_kind = new QComboBox;
  heat_kind->addItems({tr("question-guided"), tr("sound-guided"), tr("none")});
  colormap = new QComboBox;
  colormap->addItems({QStringLiteral("inferno"), QStringLiteral("viridis"), QStringLiteral("jet")});
  opacity = new QSlider(Qt::Horizontal);
  opacity->setRange(0, 100);
  opacity->setValue(65);
  sampling = new QComboBox;
  sampling->addItems({tr("smooth"), tr("blocky")});
  grid_lines = new QCheckBox(tr("grid"));
  kept_outlines = new QCheckBox(tr("kept patches"));
  kept_outlines->setToolTip(tr("Outline the patches the model kept (PSTP-Net's top-m)"));
  step_slider = new QSlider(Qt::Horizontal);
  step_slider->setEnabled(false);
  compare = new QCheckBox(tr("compare with the previous answer"));
  compare->setEnabled(false);
  show_b = new QPushButton(tr("Show B"));
  show_b->setCheckable(true);
  show_b->setEnabled(false);
  show_b->setToolTip(tr("Toggle the heatmap and answer between A (newest) and B (the one before)"));
  play_button = new QPushButton(tr("Play (Space)"));
  speed = new QComboBox;
  speed->addItems({QStringLiteral("0.5x"), QStringLiteral("1x"), QStringLiteral("2x")});
  speed->setCurrentIndex(1);

  auto* look = new QHBoxLayout;
  look->addWidget(sampling);
  look->addWidget(grid_lines);
  look->addWidget(kept_outlines);
  auto* ab = new QHBoxLayout;
  ab->addWidget(compare, 1);
  ab->addWidget(show_b);
  form->addRow(model_button, model_label);
  form->addRow(video_button, video_label);
  form->addRow(tr("Question"), question);
  form->addRow(ask_button, cancel_button);
  form->addRow(progress);
  form->addRow(error_label);
  form->addRow(answer);
  form->addRow(tr("Heatmap"), heat_kind);
  form->addRow(tr("Colormap"), colormap);
  form->addRow(tr("Opacity"), opacity);
  form->addRow(tr("Look"), look);
  form->addRow(tr("Step"), step_slider);
  form->addRow(ab);
  form->addRow(play_button, speed);

  progress_timer_.setSingleShot(true);
  progress_timer_.setInterval(150);
  connect(&progress_timer_, &QTimer::timeout, this, [this] {
    progress->setFormat(progress_stage_ + QStringLiteral(" %p%"));
    progress->setValue(static_cast<int>(progress_fraction_ * 100));
    emit progressShown(progress_stage_);
  });
}

void AskPanel::showProgress(const QString& stage, double fraction) {
  progress_stage_ = stage;
  progress_fraction_ = fraction;
  if (!progress_timer_.isActive()) progress_timer_.start();
}

void AskPanel::clearAnswer() {
  answer->clear();
  error_label->clear();
  compare->setEnabled(false);
  show_b->setEnabled(false);
}

void AskPanel::finishProgress() {
  progress_timer_.stop();
  progress->setValue(progress->maximum());
}

void AskPanel::driveOverlay(const std::vector<VideoView*>& views) {
  connect(colormap, &QComboBox::currentIndexChanged, this, [views](int index) {
    const Colormap chosen = index == 0 ? Colormap::Inferno : index == 1 ? Colormap::Viridis : Colormap::Jet;
    for (VideoView* view : views) view->setColormap(chosen);
  });
  connect(opacity, &QSlider::valueChanged, this, [views](int value) {
    for (VideoView* view : views) view->setOpacity(static_cast<float>(value) / 100.0f);
  });
  connect(sampling, &QComboBox::currentIndexChanged, this, [views](int index) {
    for (VideoView* view : views) view->setSampling(index == 0 ? HeatmapSampling::Smooth : HeatmapSampling::Blocky);
  });
  connect(grid_lines, &QCheckBox::toggled, this, [views](bool on) {
    for (VideoView* view : views) view->setGridLines(on ? GridLines::Shown : GridLines::Hidden);
  });
  kept_outlines->setChecked(true);
  connect(kept_outlines, &QCheckBox::toggled, this, [views](bool on) {
    for (VideoView* view : views) view->setKeptOutlines(on ? KeptOutlines::Shown : KeptOutlines::Hidden);
  });
}

void AskPanel::rememberOverlay(UiSettings& settings) {
  heat_kind->setCurrentIndex(settings.heatmapKind(0));
  colormap->setCurrentIndex(settings.colormap());
  opacity->setValue(settings.opacityPercent());
  connect(heat_kind, &QComboBox::currentIndexChanged, this, [&settings](int index) { settings.setHeatmapKind(index); });
  connect(colormap, &QComboBox::currentIndexChanged, this, [&settings](int index) { settings.setColormap(index); });
  connect(opacity, &QSlider::valueChanged, this, [&settings](int value) { settings.setOpacityPercent(value); });
}

}  // namespace avqa
