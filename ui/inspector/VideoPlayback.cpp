#include "VideoPlayback.h"

#include "FrameConverter.h"

#include <QAudioDevice>
#include <QAudioOutput>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QUrl>
#include <QVideoFrame>
#include <QVideoSink>
#include <algorithm>
#include <cmath>

namespace avqa {

VideoPlayback::VideoPlayback(QObject* parent) : QObject(parent) {
  // Without a sound device (CI, Xvfb) the video still plays, silently.
  player_ = new QMediaPlayer(this);
  if (!QMediaDevices::audioOutputs().isEmpty()) {  // Qt 6.4's FFmpeg backend crashes on an output with no device
    audio_output_ = new QAudioOutput(this);
    player_->setAudioOutput(audio_output_);
  }
  auto* sink = new QVideoSink(this);
  player_->setVideoSink(sink);
  connect(sink, &QVideoSink::videoFrameChanged, this, &VideoPlayback::onVideoFrame);
  converter_ = new FrameConverter(this);
  connect(converter_, &FrameConverter::converted, this, &VideoPlayback::frameShown);
  connect(player_, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState state) {
    followMainPlayer();  // the other file's sound starts, stops and seeks with the picture
    emit playingChanged(state == QMediaPlayer::PlayingState);
  });
}

void VideoPlayback::setAudioSource(const QString& path) {
  delete audio_player_;
  audio_player_ = nullptr;
  if (audio_output_) audio_output_->setMuted(!path.isEmpty());
  if (path.isEmpty()) return;
  audio_player_ = new QMediaPlayer(this);
  if (audio_output_) {
    if (!other_output_) other_output_ = new QAudioOutput(this);
    audio_player_->setAudioOutput(other_output_);
  }
  audio_player_->setSource(QUrl::fromLocalFile(path));
  followMainPlayer();
}

void VideoPlayback::followMainPlayer() {
  if (!audio_player_) return;
  audio_player_->setPlaybackRate(player_->playbackRate());
  audio_player_->setPosition(player_->position());
  if (player_->playbackState() == QMediaPlayer::PlayingState) {
    audio_player_->play();
  } else {
    audio_player_->pause();
  }
}

void VideoPlayback::setSource(const QString& path, double frame_rate) {
  path_ = path;
  frame_rate_ = frame_rate > 0 ? frame_rate : 25.0;
  paused_time_s_ = 0.0;
  player_->setSource(QUrl::fromLocalFile(path));
}

void VideoPlayback::onVideoFrame(const QVideoFrame& frame) {
  if (!frame.isValid()) return;
  const double time_s = player_->position() / 1000.0;
  if (player_->playbackState() == QMediaPlayer::PlayingState) paused_time_s_ = time_s;
  converter_->submit(frame, time_s);  // shown once converted, off the GUI thread
}

bool VideoPlayback::isPlaying() const { return player_->playbackState() == QMediaPlayer::PlayingState; }

void VideoPlayback::togglePlayback() {
  if (path_.isEmpty()) return;
  if (player_->playbackState() == QMediaPlayer::PlayingState) {
    player_->pause();
  } else {
    player_->play();
  }
}

void VideoPlayback::stepFrames(int frames) {
  if (path_.isEmpty()) return;
  if (player_->playbackState() == QMediaPlayer::PlayingState) player_->pause();
  // Aim at the middle of the target frame so rounding never lands on its neighbour.
  const double frame_s = 1.0 / frame_rate_;
  const double current = std::floor(paused_time_s_ / frame_s + 1e-6);
  paused_time_s_ = std::max(0.0, (current + frames) * frame_s);
  player_->setPosition(static_cast<qint64>(paused_time_s_ * 1000));
  emit exactFrameWanted(path_, paused_time_s_ + frame_s / 2.0);
}

void VideoPlayback::seekBy(double seconds) { seekTo(player_->position() / 1000.0 + seconds); }

void VideoPlayback::seekTo(double time_s) {
  paused_time_s_ = std::max(0.0, time_s);
  player_->setPosition(static_cast<qint64>(paused_time_s_ * 1000));
  followMainPlayer();
}

void VideoPlayback::setRate(double rate) {
  player_->setPlaybackRate(rate);
  followMainPlayer();
}

}  // namespace avqa
