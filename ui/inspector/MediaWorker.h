#pragma once

#include <QImage>
#include <QObject>
#include <QString>
#include <vector>

#include "AskOutcome.h"

namespace avqa {

// Lives in the media thread: probes videos, decodes exact frames for frame steps and reads a
// video's stored asks back (no model needed). Nothing here waits for a model, and nothing
// long runs here: the timeline's sound overview is a task of its own (SoundOverview).
class MediaWorker : public QObject {
  Q_OBJECT
 public:
  MediaWorker();

  // Reads a video's header and first shown frame (a bad file fails here, not in the GUI).
  void openVideo(const QString& video);
  // Exact frame stepping while paused (QMediaPlayer has none): our own decoder.
  void decodeFrame(const QString& video, double time_s);
  // The video's last two stored asks in `project_path`, oldest first, as answers.
  void restoreAsks(const QString& project_path, const QString& video);

 signals:
  void videoOpened(const QString& video, double frame_rate, double duration_s);
  void videoFailed(const QString& video, const QString& message);
  void frameDecoded(const QImage& frame, double time_s);
  void restored(const avqa::AskOutcome& outcome);
  void failed(const QString& message);
};

}  // namespace avqa
