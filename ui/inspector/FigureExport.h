#pragma once

#include <QImage>
#include <QString>
#include <functional>

class QMainWindow;

namespace avqa {

class InspectorSession;
class TaskList;
class TimelineView;
class VideoView;

// Keeping what the window shows: "Save figure…" (the frame with its overlay, the timeline,
// the question and the answer, as one PNG) and "Render video…" (the shown answer as the
// `render` MP4, made as a background task).
class FigureExport {
 public:
  FigureExport(const InspectorSession& session, VideoView& video, TimelineView& timeline, TaskList& tasks);

  // The Figure menu of `window`: Save figure… and Render video…; problems go to `failed`.
  void addMenu(QMainWindow& window, const std::function<void(const QString&)>& failed);

  QImage figure() const;
  // A failure (a full disk, a folder without write access) comes back as a message: in
  // `error`, or through `done` once the render task ends.
  bool saveFigure(const QString& path, QString* error) const;
  void renderVideo(const QString& path, const std::function<void(const QString& message, bool ok)>& done) const;

 private:
  const InspectorSession& session_;
  VideoView& video_;
  TimelineView& timeline_;
  TaskList& tasks_;
};

}  // namespace avqa
