#include "InspectorSession.h"

#include <algorithm>

#include "PredictionReadout.h"

namespace avqa {

InspectorSession::InspectorSession(QObject* parent) : QObject(parent) { qRegisterMetaType<avqa::AskOutcome>(); }

const AskOutcome* InspectorSession::shownOutcome() const {
  const AskOutcome* shown = answers_.shown(side_);
  if (!shown || shown->question.trimmed() != question_.trimmed()) return nullptr;
  return shown;
}

bool InspectorSession::fillsMap(HeatmapKind kind) const {
  const AskOutcome* shown = shownOutcome();
  return shown && mapOfKind(shown->result.prediction, kind).has_value();
}

HeatmapKind InspectorSession::shownHeatmapKind() const {
  // Saliency never falls back to an attention map: the two must not be confused.
  if (choice_.kind == HeatmapKind::None || choice_.kind == HeatmapKind::Saliency || fillsMap(choice_.kind)) return choice_.kind;
  const HeatmapKind other = choice_.kind == HeatmapKind::QuestionGuided ? HeatmapKind::SoundGuided : HeatmapKind::QuestionGuided;
  return fillsMap(other) ? other : choice_.kind;
}

QString InspectorSession::mapNotice() const {
  const AskOutcome* shown = shownOutcome();
  if (!shown || choice_.kind == HeatmapKind::None) return {};
  const QString chosen = QString::fromLatin1(heatmapKindName(choice_.kind));
  const HeatmapKind kind = shownHeatmapKind();
  const std::optional<Saliency>& saliency = shown->result.prediction.saliency;
  if (kind == HeatmapKind::Saliency && !saliency) {
    return tr("This answer has no saliency yet: Ask again to compute gradient × input.");
  }
  if (!fillsMap(kind) && kind != HeatmapKind::Saliency) {
    return tr("%1 has no patch map (no question-guided or sound-guided attention)").arg(shown->model_name);
  }
  QString notice;
  if (kind == HeatmapKind::Saliency) {
    notice = tr("Saliency: gradient × input of “%1” — what moved that answer, not where the model looked.")
                 .arg(QString::fromStdString(saliency->answer));
    if (!saliency->patches) notice += tr(" %1 takes no patch features: only the curve.").arg(shown->model_name);
  }
  if (kind != choice_.kind) {
    notice = tr("%1 has no %2 map: its %3 map is shown.").arg(shown->model_name, chosen, QString::fromLatin1(heatmapKindName(kind)));
  }
  const std::vector<TimeStep>& steps = shown->result.prediction.steps;
  if (step_ < 0 || step_ >= static_cast<int>(steps.size()) || steps[static_cast<std::size_t>(step_)].padded) {
    notice += (notice.isEmpty() ? QString() : QStringLiteral(" ")) + tr("No map here: this time is outside the model's steps.");
  } else if (!heatmap() && (kind != HeatmapKind::Saliency || saliency->patches)) {
    notice += (notice.isEmpty() ? QString() : QStringLiteral(" "));
    notice += kind == HeatmapKind::Saliency ? tr("No patch moved the answer at this step.") : tr("The model gave this step no patch weight.");
  }
  return notice;
}

HeatmapChoice InspectorSession::choiceFor(const Prediction& prediction, HeatmapKind kind) const {
  HeatmapChoice choice = choice_;
  choice.kind = kind;
  if (choice.scale == MapScale::WholeAnswer) {
    // One colour scale for A and B: the larger of the two peaks.
    choice.shared_peak = mapPeak(prediction, kind);
    if (comparing()) {
      for (const std::optional<AskOutcome>* side : {&answers_.a(), &answers_.b()}) {
        if (*side) choice.shared_peak = std::max(choice.shared_peak, mapPeak((*side)->result.prediction, kind));
      }
    }
  }
  return choice;
}

std::optional<FrameHeatmap> InspectorSession::heatmapOf(HeatmapKind kind) const {
  const AskOutcome* shown = shownOutcome();
  if (!shown) return std::nullopt;
  return stepHeatmap(shown->result.prediction, step_, choiceFor(shown->result.prediction, kind));
}

std::optional<FrameHeatmap> InspectorSession::heatmap() const { return heatmapOf(shownHeatmapKind()); }

double InspectorSession::stepWeight() const {
  const AskOutcome* shown = shownOutcome();
  const std::vector<float>* weights = shown ? stepWeightsFor(shown->result.prediction, shownHeatmapKind()) : nullptr;
  if (!weights || step_ < 0) return -1.0;
  const std::vector<float>& temporal = *weights;
  if (static_cast<std::size_t>(step_) >= temporal.size()) return -1.0;
  const float peak = *std::max_element(temporal.begin(), temporal.end());
  return peak > 0.0f ? temporal[static_cast<std::size_t>(step_)] / peak : 0.0;
}

std::optional<QuestionFigures> InspectorSession::figures() const {
  const AskOutcome* shown = shownOutcome();
  if (!shown || !truth_ || truth_->evidence_seconds.empty()) return std::nullopt;
  if (figures_for_ != shown) {
    const AttentionReadout readout = predictionReadout(shown->result.prediction, shown->result.media.width, shown->result.media.height);
    figures_ = questionFigures(readout, Evidence{truth_->evidence_seconds, truth_->evidence_boxes});
    figures_for_ = shown;
  }
  return figures_;
}

void InspectorSession::setTruth(std::optional<DatasetTruth> truth) {
  truth_ = std::move(truth);
  figures_for_ = nullptr;
  emit truthChanged();
  emit answersChanged();
}

void InspectorSession::setVideo(const QString& path) {
  video_path_ = path;
  answers_.clear();
  figures_for_ = nullptr;
  side_ = CompareSide::A;
  step_ = -1;
  emit videoChanged(path);
  emit answersChanged();
  emit overlayChanged();
}

void InspectorSession::setVideoContext(VideoContext context) {
  context_ = std::move(context);
  emit videoContextChanged();
}

void InspectorSession::setQuestion(const QString& question) {
  if (question == question_) return;
  const AskOutcome* before = shownOutcome();
  question_ = question;
  question_from_restore_ = false;
  emit questionChanged(question_);
  // A new question hides the old answer; typing an answered question back shows it again.
  if (before != shownOutcome()) {
    emit answersChanged();
    emit overlayChanged();
  }
}

void InspectorSession::setModel(const QString& name, const QString& device, const QString& path) {
  model_name_ = name;
  model_path_ = path;
  emit modelChanged(device.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, device));
}

void InspectorSession::setBusy(bool busy) {
  if (busy == busy_) return;
  busy_ = busy;
  emit busyChanged(busy_);
}

int InspectorSession::bestStep() const {
  const AskOutcome* shown = shownOutcome();
  if (!shown) return -1;
  const Prediction& p = shown->result.prediction;
  if (!p.temporal || p.temporal->empty()) return 0;
  return static_cast<int>(std::max_element(p.temporal->begin(), p.temporal->end()) - p.temporal->begin());
}

void InspectorSession::addAnswer(const AskOutcome& outcome) {
  if (outcome.video_path != video_path_ && !outcome.video_path.isEmpty()) return;  // about a video no longer open
  answers_.add(outcome);
  figures_for_ = nullptr;  // the answers moved: a cached pointer may name another answer now
  side_ = CompareSide::A;
  // A fresh answer is the answer to the typed question; a restored one brings its question
  // along only when none is typed (a question typed since stays, and hides it).
  if (!outcome.restored || question_.trimmed().isEmpty() || question_from_restore_) {
    question_ = outcome.question;
    question_from_restore_ = outcome.restored;
    emit questionChanged(question_);
  }
  step_ = bestStep();
  emit answersChanged();
  emit stepChanged(step_);
  emit overlayChanged();
}

void InspectorSession::setShownSide(CompareSide side) {
  if (side == CompareSide::B && !answers_.b()) side = CompareSide::A;
  side_ = side;
  if (const AskOutcome* shown = answers_.shown(side_)) {
    question_ = shown->question;
    question_from_restore_ = false;
    emit questionChanged(question_);
  }
  step_ = bestStep();
  emit answersChanged();
  emit stepChanged(step_);
  emit overlayChanged();
}

void InspectorSession::setComparing(bool on) {
  comparing_ = on;
  emit answersChanged();
  emit overlayChanged();
}

void InspectorSession::setStep(int step) {
  const AskOutcome* shown = shownOutcome();
  if (!shown || step < 0 || step >= static_cast<int>(shown->result.prediction.steps.size()) || step == step_) return;
  step_ = step;
  emit stepChanged(step_);
  emit overlayChanged();
}

void InspectorSession::followTime(double time_s) {
  const AskOutcome* shown = shownOutcome();
  if (!shown) return;
  const int step = stepAtTime(shown->result.prediction.steps, time_s);
  if (step == step_) return;
  step_ = step;
  if (step >= 0) emit stepChanged(step_);
  emit overlayChanged();
}

void InspectorSession::setHeatmapKind(HeatmapKind kind) {
  const bool curves_change = (kind == HeatmapKind::Saliency) != (choice_.kind == HeatmapKind::Saliency);
  choice_.kind = kind;
  if (curves_change) emit answersChanged();  // the timeline shows the saliency curve instead
  emit overlayChanged();
}

bool InspectorSession::wantsSaliency() const { return choice_.kind == HeatmapKind::Saliency; }

void InspectorSession::setMapScale(MapScale scale) {
  choice_.scale = scale;
  emit overlayChanged();
}

void InspectorSession::setStepDimming(StepDimming dimming) {
  choice_.dimming = dimming;
  emit overlayChanged();
}

}  // namespace avqa
