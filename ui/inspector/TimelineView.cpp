#include "TimelineView.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>
#include <cmath>
#include <algorithm>

#include "media/Colormap.h"

namespace avqa {
namespace {
constexpr int kMargin = 8;
}

TimelineView::TimelineView(QWidget* parent) : QWidget(parent) { setMinimumHeight(80); }

void TimelineView::setSteps(const std::vector<TimeStep>& steps, double duration_s) {
  steps_ = steps;
  duration_s_ = std::max(duration_s, steps.empty() ? 1.0 : steps.back().end_s);
  setVisibleSpan(0.0, duration_s_);
}

void TimelineView::setCurves(const std::vector<TimelineCurve>& curves) {
  curves_ = curves;
  update();
}

void TimelineView::setEvidenceSeconds(const std::vector<int>& seconds) {
  evidence_ = seconds;
  update();
}

void TimelineView::setAudio(const std::vector<float>& envelope, const QImage& spectrogram, double duration_s) {
  envelope_ = envelope;
  QImage coloured = spectrogram.convertToFormat(QImage::Format_Indexed8);
  const QImage lut = colormapLut(Colormap::Inferno);
  QList<QRgb> table;
  for (int i = 0; i < 256; ++i) table.append(lut.pixel(i, 0));
  coloured.setColorTable(table);
  spectrogram_ = coloured.convertToFormat(QImage::Format_RGB32);
  audio_duration_s_ = std::max(duration_s, 1e-3);
  if (steps_.empty()) {
    duration_s_ = std::max(duration_s, 1e-3);
    setVisibleSpan(0.0, duration_s_);
  }
  update();
}

void TimelineView::setPlayhead(double time_s) {
  playhead_s_ = time_s;
  update();
}

void TimelineView::setVisibleSpan(double start_s, double end_s) {
  const double length = std::clamp(end_s - start_s, std::min(0.5, duration_s_), duration_s_);
  view_start_s_ = std::clamp(start_s, 0.0, duration_s_ - length);
  view_end_s_ = view_start_s_ + length;
  update();
}

double TimelineView::xAt(double time_s) const {
  return kMargin + (width() - 2 * kMargin) * (time_s - view_start_s_) / (view_end_s_ - view_start_s_);
}

double TimelineView::timeAt(double x) const {
  const double fraction = (x - kMargin) / std::max(1, width() - 2 * kMargin);
  return std::clamp(view_start_s_ + fraction * (view_end_s_ - view_start_s_), 0.0, duration_s_);
}

void TimelineView::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  const double length = view_end_s_ - view_start_s_;
  if (event->modifiers() & Qt::ControlModifier) {  // zoom, keeping the time under the pointer in place
    const double anchor = timeAt(event->position().x());
    const double scale = std::pow(0.8, steps);
    const double new_length = length * scale;
    const double fraction = (anchor - view_start_s_) / length;
    setVisibleSpan(anchor - fraction * new_length, anchor + (1.0 - fraction) * new_length);
  } else {
    setVisibleSpan(view_start_s_ - steps * length * 0.1, view_end_s_ - steps * length * 0.1);
  }
  event->accept();
}

void TimelineView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(rect(), QColor(30, 31, 34));
  painter.setClipRect(QRectF(kMargin, 0, width() - 2 * kMargin, height()));
  const double top = kMargin;
  const double bottom = height() - kMargin - 12;
  if (!spectrogram_.isNull()) {  // the sound: log-mel picture, then the waveform's peaks
    painter.setOpacity(0.55);
    // The sound spans the file's duration; the timeline may run on over padded steps.
    painter.drawImage(QRectF(xAt(0), top, xAt(audio_duration_s_) - xAt(0), bottom - top), spectrogram_);
    painter.setOpacity(1.0);
    painter.setPen(QPen(QColor(200, 220, 255, 170), 1));
    const double middle = (top + bottom) / 2.0;
    for (std::size_t i = 0; i < envelope_.size(); ++i) {
      const double x = xAt(audio_duration_s_ * static_cast<double>(i) / static_cast<double>(envelope_.size()));
      const double half = envelope_[i] * (bottom - top) / 2.0;
      painter.drawLine(QPointF(x, middle - half), QPointF(x, middle + half));
    }
  }
  for (int second : evidence_) {  // ground truth: where the answer lies
    painter.fillRect(QRectF(xAt(second), top, xAt(second + 1) - xAt(second), bottom - top), QColor(80, 160, 90, 70));
  }
  if (marked_) {  // the seconds being marked as evidence
    painter.fillRect(QRectF(xAt(marked_->first), top, xAt(marked_->second + 1) - xAt(marked_->first), bottom - top),
                     QColor(255, 214, 10, 90));
  }
  double legend_x = kMargin + 4;
  for (const TimelineCurve& curve : curves_) {
    FocusCurve drawn = curve;
    if (drawn.steps.empty()) drawn.steps = steps_;
    paintFocusCurve(painter, drawn, [this](double t) { return xAt(t); }, top, bottom);
    if (curves_.size() > 1) {  // which curve is which model
      painter.drawText(QPointF(legend_x, top + 11), curve.name);
      legend_x += painter.fontMetrics().horizontalAdvance(curve.name) + 14;
    }
  }
  painter.setPen(QColor(150, 150, 155));
  for (const TimeStep& step : steps_) painter.drawLine(QPointF(xAt(step.start_s), bottom), QPointF(xAt(step.start_s), bottom + 4));
  painter.drawText(QRectF(kMargin, bottom + 2, 80, 12), Qt::AlignLeft, QString::number(view_start_s_, 'f', 1) + " s");
  painter.drawText(QRectF(width() - kMargin - 80, bottom + 2, 80, 12), Qt::AlignRight, QString::number(view_end_s_, 'f', 1) + " s");
  painter.setPen(QPen(QColor(255, 255, 255), 1.5));
  painter.drawLine(QPointF(xAt(playhead_s_), top), QPointF(xAt(playhead_s_), bottom));
}

void TimelineView::setSecondsMarking(SecondsMarking marking) {
  marking_ = marking;
  marked_.reset();
  update();
}

void TimelineView::mousePressEvent(QMouseEvent* event) {
  if (marking_ == SecondsMarking::On) {
    mark_start_s_ = timeAt(event->position().x());
    const int second = static_cast<int>(std::floor(mark_start_s_));
    marked_ = std::make_pair(second, second);
    update();
    return;
  }
  emit seekRequested(timeAt(event->position().x()));
}

void TimelineView::mouseMoveEvent(QMouseEvent* event) {
  if (!(event->buttons() & Qt::LeftButton)) return;
  if (marking_ == SecondsMarking::On) {
    const double now_s = timeAt(event->position().x());
    const int a = static_cast<int>(std::floor(std::min(mark_start_s_, now_s)));
    const int b = static_cast<int>(std::floor(std::max(mark_start_s_, now_s)));
    marked_ = std::make_pair(a, b);
    update();
    return;
  }
  emit seekRequested(timeAt(event->position().x()));
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event) {
  if (marking_ != SecondsMarking::On || !marked_) return QWidget::mouseReleaseEvent(event);
  const double end_s = timeAt(event->position().x());
  const int last_second = std::max(0, static_cast<int>(std::ceil(duration_s_)) - 1);
  const int first = std::clamp(static_cast<int>(std::floor(std::min(mark_start_s_, end_s))), 0, last_second);
  const int last = std::clamp(static_cast<int>(std::floor(std::max(mark_start_s_, end_s))), 0, last_second);
  marked_.reset();
  update();
  emit secondsMarked(first, last);
}

}  // namespace avqa
