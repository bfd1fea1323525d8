#include "EvidenceOverlay.h"

#include "DatasetDock.h"
#include "InspectorSession.h"
#include "TimelineView.h"
#include "VideoView.h"

namespace avqa {

EvidenceOverlay::EvidenceOverlay(InspectorSession& session, const DatasetDock& dataset, TimelineView& timeline,
                                 std::vector<VideoView*> views, QObject* parent)
    : QObject(parent), session_(session), dataset_(dataset), timeline_(timeline), views_(std::move(views)) {
  connect(&session_, &InspectorSession::questionChanged, this, &EvidenceOverlay::lookUp);
  connect(&session_, &InspectorSession::videoChanged, this, &EvidenceOverlay::lookUp);
  connect(&dataset_, &DatasetDock::loaded, this, &EvidenceOverlay::lookUp);
  connect(&session_, &InspectorSession::truthChanged, this, &EvidenceOverlay::show);
  connect(&session_, &InspectorSession::videoContextChanged, this, &EvidenceOverlay::show);
}

void EvidenceOverlay::lookUp() {
  session_.setTruth(dataset_.truthFor(session_.videoPath(), session_.question(), session_.videoContext().mirror == Mirror::Horizontal));
}

void EvidenceOverlay::setOverride(std::optional<Evidence> evidence) {
  override_ = std::move(evidence);
  show();
}

void EvidenceOverlay::show() {
  if (override_) {
    timeline_.setEvidenceSeconds(override_->seconds);
    for (VideoView* view : views_) view->setEvidenceBoxes(override_->boxes);
    return;
  }
  const std::optional<DatasetTruth>& truth = session_.truth();
  timeline_.setEvidenceSeconds(truth && !truth->evidence_seconds.empty() ? truth->evidence_seconds : session_.videoContext().evidence_seconds);
  for (VideoView* view : views_) view->setEvidenceBoxes(truth ? truth->evidence_boxes : std::vector<QRectF>{});
}

}  // namespace avqa
