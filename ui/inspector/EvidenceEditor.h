#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <optional>

#include "dataset/EvidenceFile.h"

class QLabel;
class QPushButton;
class QWidget;

namespace avqa {

class AnnotationSession;
class EvidenceOverlay;
class InspectorSession;
class ProjectStore;
class TimelineView;
class VideoView;

// Evidence drawn by hand for the project question on screen: with "Draw evidence" on, a drag
// on the (paused) frame adds a box, a drag on the timeline marks whole seconds (again over
// marked seconds: unmarks them); "Store" writes it as an annotation edit of that question
// (history, undo, kill -9 safe) and "Undo" takes the last one back. Its own session on the
// project: one quick write per store, on the GUI thread as every workspace edit.
class EvidenceEditor : public QObject {
  Q_OBJECT
 public:
  EvidenceEditor(InspectorSession& session, EvidenceOverlay& overlay, VideoView& view, TimelineView& timeline,
                 QObject* parent = nullptr);
  ~EvidenceEditor() override;

  QWidget* bar() const { return bar_; }  // buttons and a status line, for the window's layout
  void setProject(const QString& path);  // empty: none (drawing is off)
  void setDrawing(bool on);
  const Evidence& pending() const { return pending_; }
  void addBox(const QRectF& frame_pixels);
  void markSeconds(int first_s, int last_s);
  bool store();  // false (and failed()) when refused: a read-only project, no question
  bool undo();

  QPushButton* drawButton() const { return draw_; }
  QPushButton* storeButton() const { return store_; }
  QPushButton* undoButton() const { return undo_; }

 signals:
  void stored();  // the project changed: its questions are read again
  void failed(const QString& message);

 private:
  void refresh();
  std::int64_t questionRow() const;

  InspectorSession& session_;
  EvidenceOverlay& overlay_;
  VideoView& view_;
  TimelineView& timeline_;
  std::unique_ptr<ProjectStore> project_;
  std::unique_ptr<AnnotationSession> edits_;
  Evidence pending_;
  bool drawing_ = false;
  QWidget* bar_ = nullptr;
  QPushButton* draw_ = nullptr;
  QPushButton* store_ = nullptr;
  QPushButton* clear_ = nullptr;
  QPushButton* undo_ = nullptr;
  QLabel* status_ = nullptr;
};

}  // namespace avqa
