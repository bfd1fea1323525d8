#pragma once

#include <QImage>
#include <QObject>
#include <QString>

class QAudioOutput;
class QMediaPlayer;
class QVideoFrame;

namespace avqa {
class FrameConverter;
}

namespace avqa {

// Playback with sound through QtMultimedia (FFmpeg backend): play/pause, seek, speed, and
// exact frame steps while paused. QMediaPlayer cannot step frames, so a step only asks for
// the frame (exactFrameWanted) and our own decoder in the worker delivers it.
class VideoPlayback : public QObject {
  Q_OBJECT
 public:
  explicit VideoPlayback(QObject* parent = nullptr);

  void setSource(const QString& path, double frame_rate);
  // Another file's sound instead of the video's own (MUSIC-AVQA-v2.0 unmatch_audio); empty:
  // the video's own. A second player plays it, kept in step with the first.
  void setAudioSource(const QString& path);
  QMediaPlayer* audioPlayer() const { return audio_player_; }
  bool hasSource() const { return !path_.isEmpty(); }
  void togglePlayback();
  bool isPlaying() const;
  void seekBy(double seconds);
  void seekTo(double time_s);
  void stepFrames(int frames);
  void setRate(double rate);
  QMediaPlayer* player() const { return player_; }

 signals:
  void frameShown(const QImage& frame, double time_s);
  void playingChanged(bool playing);
  void exactFrameWanted(const QString& path, double time_s);  // the middle of the wanted frame

 private:
  void onVideoFrame(const QVideoFrame& frame);

  QString path_;
  double frame_rate_ = 25.0;
  double paused_time_s_ = 0.0;  // where frame steps start
  void followMainPlayer();

  QMediaPlayer* player_ = nullptr;
  FrameConverter* converter_ = nullptr;  // frames to images in a thread of their own
  QAudioOutput* audio_output_ = nullptr;
  QMediaPlayer* audio_player_ = nullptr;  // only while another file's sound is playing
  QAudioOutput* other_output_ = nullptr;
};

}  // namespace avqa
