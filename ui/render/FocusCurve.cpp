#include "FocusCurve.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace avqa {

void paintFocusCurve(QPainter& painter, const FocusCurve& curve, const std::function<double(double)>& x_at, double top,
                     double bottom) {
  if (curve.temporal.empty()) return;
  const float peak = std::max(1e-9f, *std::max_element(curve.temporal.begin(), curve.temporal.end()));
  QPainterPath path;
  bool first_point = true;
  for (std::size_t i = 0; i < curve.steps.size() && i < curve.temporal.size(); ++i) {
    const TimeStep& step = curve.steps[i];
    if (step.padded) continue;  // past the end of the video: nothing to show
    if (i < curve.temporal_selected.size() && curve.temporal_selected[i] > 0.5f) {
      QColor shade = curve.colour;
      shade.setAlpha(45);
      painter.fillRect(QRectF(x_at(step.start_s), top, x_at(step.end_s) - x_at(step.start_s), bottom - top), shade);
    }
    const QPointF point(x_at((step.start_s + step.end_s) / 2.0), bottom - (bottom - top) * curve.temporal[i] / peak);
    if (first_point) path.moveTo(point);
    else path.lineTo(point);
    first_point = false;
  }
  painter.setPen(QPen(curve.colour, 2));
  painter.drawPath(path);
}

}  // namespace avqa
