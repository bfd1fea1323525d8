#pragma once

#include <QObject>
#include <optional>
#include <vector>

#include "dataset/EvidenceFile.h"

namespace avqa {

class DatasetDock;
class InspectorSession;
class TimelineView;
class VideoView;

// Keeps the session's dataset truth current (is the question on screen one of the project's
// questions for this video?) and shows its evidence: the seconds on the timeline, the boxes
// on the video views. Typed and picked questions alike.
class EvidenceOverlay : public QObject {
  Q_OBJECT
 public:
  EvidenceOverlay(InspectorSession& session, const DatasetDock& dataset, TimelineView& timeline, std::vector<VideoView*> views,
                  QObject* parent = nullptr);
  // Evidence being drawn, shown instead of the question's own (nullopt: the question's).
  void setOverride(std::optional<Evidence> evidence);

 private:
  void lookUp();
  void show();

  InspectorSession& session_;
  const DatasetDock& dataset_;
  TimelineView& timeline_;
  std::vector<VideoView*> views_;
  std::optional<Evidence> override_;
};

}  // namespace avqa
