#pragma once

#include <QColor>
#include <QWidget>
#include <optional>
#include <utility>
#include <vector>

#include "FocusCurve.h"
#include "media/TimeSteps.h"

namespace avqa {

using TimelineCurve = FocusCurve;  // steps empty: the view's own

// Under the video: the temporal focus curve of each run over the steps' spans, selected steps
// shaded, ground-truth evidence spans, the playhead. Click or drag to seek; Ctrl+wheel zooms
// around the pointer, the wheel pans a zoomed view.
class TimelineView : public QWidget {
  Q_OBJECT
 public:
  explicit TimelineView(QWidget* parent = nullptr);
  void setSteps(const std::vector<TimeStep>& steps, double duration_s);
  void setCurves(const std::vector<TimelineCurve>& curves);
  void setEvidenceSeconds(const std::vector<int>& seconds);
  void setPlayhead(double time_s);
  // The audio under the curves: a log-mel picture (grey levels) and the waveform's peaks.
  void setAudio(const std::vector<float>& envelope, const QImage& spectrogram, double duration_s);
  bool hasAudio() const { return !envelope_.empty(); }
  const std::vector<TimelineCurve>& curves() const { return curves_; }
  const std::vector<int>& evidenceSeconds() const { return evidence_; }
  void setVisibleSpan(double start_s, double end_s);  // clamped to the video
  double visibleStart() const { return view_start_s_; }
  double visibleEnd() const { return view_end_s_; }
  double xAt(double time_s) const;  // where a time is drawn, in widget pixels
  QSize sizeHint() const override { return {640, 110}; }

  // While On, a drag marks whole seconds (secondsMarked) instead of seeking.
  enum class SecondsMarking { Off, On };
  void setSecondsMarking(SecondsMarking marking);

 signals:
  void seekRequested(double time_s);
  void secondsMarked(int first_s, int last_s);  // inclusive, whole seconds of the video

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  double timeAt(double x) const;

  std::vector<TimeStep> steps_;
  double duration_s_ = 1.0;        // the span shown: the video, or more when steps are padded past its end
  double audio_duration_s_ = 1.0;  // what the sound overview covers
  std::vector<TimelineCurve> curves_;
  std::vector<int> evidence_;
  SecondsMarking marking_ = SecondsMarking::Off;
  double mark_start_s_ = 0.0;
  std::optional<std::pair<int, int>> marked_;  // the span being dragged
  double playhead_s_ = 0.0;
  double view_start_s_ = 0.0;
  double view_end_s_ = 1.0;
  std::vector<float> envelope_;
  QImage spectrogram_;  // coloured with the inferno LUT
};

}  // namespace avqa
