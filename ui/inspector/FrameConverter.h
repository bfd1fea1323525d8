#pragma once

#include <QImage>
#include <QMutex>
#include <QObject>
#include <QThread>
#include <QVideoFrame>
#include <optional>
#include <utility>

namespace avqa {

// Turns the player's frames into images off the GUI thread. QVideoFrame::toImage() converts
// on the calling thread through an offscreen OpenGL pipeline: its first call made a GL
// context and compiled shaders (25-30 ms on the GUI thread in software OpenGL, the longest
// stall when playback started), and every frame paid a render and a read-back. Here the
// planes are converted with libswscale in a thread of their own. The newest frame wins: one
// that arrives while another is converted replaces any still waiting (back-pressure).
class FrameConverter : public QObject {
  Q_OBJECT
 public:
  explicit FrameConverter(QObject* parent = nullptr);
  ~FrameConverter() override;  // stops the thread (at most one frame's conversion)

  void submit(const QVideoFrame& frame, double time_s);  // from the GUI thread

  // The conversion itself (any thread): planar YUV through libswscale, packed RGB copied,
  // other layouts through Qt's own conversion.
  static QImage toImage(QVideoFrame frame);

 signals:
  void converted(const QImage& image, double time_s);  // delivered on the GUI thread

 private:
  void drain();  // runs in the converter thread until nothing waits

  QThread thread_;
  QObject* worker_ = nullptr;  // lives in thread_: where drain() is queued
  QMutex mutex_;
  std::optional<std::pair<QVideoFrame, double>> waiting_;
  bool draining_ = false;
};

}  // namespace avqa
