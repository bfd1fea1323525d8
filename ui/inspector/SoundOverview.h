#pragma once

#include <QImage>
#include <QObject>
#include <QString>
#include <vector>

#include "common/CancelToken.h"

namespace avqa {

class TaskList;
class TimelineView;

// The sound of a video at a glance, for the timeline: the peak level per column and a
// log-mel picture (one column per log-mel frame, low bands at the bottom).
struct SoundOverview {
  QString video;
  std::vector<float> envelope;
  QImage spectrogram;
  double duration_s = 0.0;
};

// Decodes the whole audio track: seconds for a long video, so it runs as a task of its own
// and a frame step on the media thread never waits for it.
SoundOverview readSoundOverview(const QString& video, const CancelToken& cancel);

// Shows the newest opened video's sound on the timeline, read as a background task (the one
// for an older video is cancelled).
class SoundOverviewLoader : public QObject {
  Q_OBJECT
 public:
  SoundOverviewLoader(TaskList& tasks, TimelineView& timeline, QObject* parent = nullptr);
  void show(const QString& video);

 signals:
  void shown();  // the timeline has the sound (and knows the duration)

 private:
  TaskList& tasks_;
  TimelineView& timeline_;
  QString wanted_video_;
};

}  // namespace avqa

Q_DECLARE_METATYPE(avqa::SoundOverview)
