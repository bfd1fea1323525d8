#include "ComparedAnswers.h"

namespace avqa {

void ComparedAnswers::add(const AskOutcome& outcome) {
  if (a_) b_ = std::move(a_);
  a_ = outcome;
}

void ComparedAnswers::clear() {
  a_.reset();
  b_.reset();
}

const AskOutcome* ComparedAnswers::shown(CompareSide side) const {
  if (side == CompareSide::B && b_) return &*b_;
  return a_ ? &*a_ : nullptr;
}

std::vector<FocusCurve> ComparedAnswers::curves(bool both, HeatmapKind kind) const {
  std::vector<FocusCurve> curves;
  const bool saliency = kind == HeatmapKind::Saliency;
  const auto add_curve = [&](const AskOutcome& outcome, const QString& tag, QColor colour) {
    const Prediction& p = outcome.result.prediction;
    const std::vector<float>* weights = stepWeightsFor(p, kind);
    if (!weights) return;
    const QString name = tag + (saliency ? QStringLiteral("saliency · ") : QString()) + outcome.model_name +
                         QStringLiteral(" · “%1”").arg(outcome.question.trimmed()) + soundLabel(outcome);
    curves.push_back({name, colour, *weights, saliency ? std::vector<float>{} : p.temporal_selected.value_or(std::vector<float>{}), p.steps});
  };
  const bool comparing = both && b_.has_value();
  if (a_) add_curve(*a_, comparing ? QStringLiteral("A: ") : QString(), QColor(240, 140, 60));
  if (comparing) add_curve(*b_, QStringLiteral("B: "), QColor(80, 170, 255));
  return curves;
}

}  // namespace avqa
