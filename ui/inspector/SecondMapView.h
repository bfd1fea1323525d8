#pragma once

#include <QObject>

#include "StepHeatmap.h"

class QImage;
class QWidget;

namespace avqa {

class InspectorSession;
class VideoView;

// The frame a second time, beside the main view, with the other map of the shown answer on
// it: sound-guided beside question-guided (and the other way round), or the model's
// sound-guided map beside its saliency. Hidden until View > Second map beside is on; both
// views share the step, the colour scale (one peak per map kind for A and B) and the look.
class SecondMapView : public QObject {
  Q_OBJECT
 public:
  SecondMapView(const InspectorSession& session, QWidget* parent);

  VideoView* view() const { return view_; }
  void setShown(bool shown);
  bool isShown() const;
  void setFrame(const QImage& frame);  // does nothing while hidden
  void refresh();                      // the map of the session's step, after any change
  // The kind drawn beside the shown one (None: the answer has no other map).
  HeatmapKind kind() const;

 private:
  const InspectorSession& session_;
  VideoView* view_ = nullptr;
};

}  // namespace avqa
