#pragma once

#include <QColor>
#include <QString>
#include <functional>
#include <vector>

#include "media/TimeSteps.h"

class QPainter;

namespace avqa {

// One answer's temporal focus: a weight per step of its own model's steps.
struct FocusCurve {
  QString name;
  QColor colour;
  std::vector<float> temporal;           // one weight per step
  std::vector<float> temporal_selected;  // empty, or 0/1 per step
  std::vector<TimeStep> steps;           // its model's steps (models differ in T)
};

// Draws the curve between `top` and `bottom` (scaled to its own peak), the selected steps
// shaded, padded steps left out; `x_at` maps seconds to x. The timeline and `render` both
// draw with this.
void paintFocusCurve(QPainter& painter, const FocusCurve& curve, const std::function<double(double)>& x_at, double top,
                     double bottom);

}  // namespace avqa
