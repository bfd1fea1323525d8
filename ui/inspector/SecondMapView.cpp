#include "SecondMapView.h"

#include "InspectorSession.h"
#include "VideoView.h"

namespace avqa {

SecondMapView::SecondMapView(const InspectorSession& session, QWidget* parent) : QObject(parent), session_(session) {
  view_ = new VideoView(parent);
  view_->hide();
}

void SecondMapView::setShown(bool shown) {
  view_->setVisible(shown);
  refresh();
}

bool SecondMapView::isShown() const { return view_->isVisible(); }

void SecondMapView::setFrame(const QImage& frame) {
  if (isShown()) view_->setFrame(frame);
}

HeatmapKind SecondMapView::kind() const {
  const HeatmapKind first = session_.shownHeatmapKind();
  const HeatmapKind candidates[] = {first == HeatmapKind::SoundGuided ? HeatmapKind::QuestionGuided : HeatmapKind::SoundGuided,
                                    HeatmapKind::QuestionGuided, HeatmapKind::Saliency};
  for (HeatmapKind kind : candidates) {
    if (kind != first && session_.fillsMap(kind)) return kind;
  }
  return HeatmapKind::None;
}

void SecondMapView::refresh() {
  if (!isShown()) return;
  const HeatmapKind other = kind();
  const std::optional<FrameHeatmap> heat = other == HeatmapKind::None ? std::nullopt : session_.heatmapOf(other);
  if (heat) view_->setHeatmap(*heat);
  else view_->clearHeatmap();
  view_->setToolTip(other == HeatmapKind::None ? tr("This answer has no second map")
                                              : tr("The %1 map of the same step").arg(QString::fromLatin1(heatmapKindName(other))));
}

}  // namespace avqa
