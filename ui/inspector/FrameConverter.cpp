#include "FrameConverter.h"

#include <QMutexLocker>
#include <QVideoFrameFormat>

#include "media/PlanarFrame.h"

namespace avqa {

FrameConverter::FrameConverter(QObject* parent) : QObject(parent) {
  worker_ = new QObject;
  worker_->moveToThread(&thread_);
  thread_.start();
}

FrameConverter::~FrameConverter() {
  thread_.quit();
  thread_.wait();
  delete worker_;  // its thread has ended: nothing runs in it any more
}

void FrameConverter::submit(const QVideoFrame& frame, double time_s) {
  QMutexLocker lock(&mutex_);
  waiting_ = std::make_pair(frame, time_s);  // an older waiting frame is dropped
  if (draining_) return;
  draining_ = true;
  QMetaObject::invokeMethod(worker_, [this] { drain(); }, Qt::QueuedConnection);
}

void FrameConverter::drain() {
  while (true) {
    std::pair<QVideoFrame, double> next;
    {
      QMutexLocker lock(&mutex_);
      if (!waiting_) {
        draining_ = false;
        return;
      }
      next = std::move(*waiting_);
      waiting_.reset();
    }
    const QImage image = toImage(next.first);
    if (!image.isNull()) emit converted(image, next.second);  // queued to the GUI thread
  }
}

QImage FrameConverter::toImage(QVideoFrame frame) {
  if (!frame.isValid() || !frame.map(QVideoFrame::ReadOnly)) return {};
  PlanarFrameView view;
  view.width = frame.width();
  view.height = frame.height();
  bool planar = true;
  int u = 1, v = 2;
  switch (frame.pixelFormat()) {
    case QVideoFrameFormat::Format_YUV420P: view.layout = PlanarLayout::Yuv420p; break;
    case QVideoFrameFormat::Format_YV12: view.layout = PlanarLayout::Yuv420p; std::swap(u, v); break;
    case QVideoFrameFormat::Format_YUV422P: view.layout = PlanarLayout::Yuv422p; break;
    case QVideoFrameFormat::Format_NV12: view.layout = PlanarLayout::Nv12; break;
    case QVideoFrameFormat::Format_NV21: view.layout = PlanarLayout::Nv21; break;
    default: planar = false;
  }
  QImage image;
  if (planar) {
    const int planes = frame.planeCount();
    view.planes = {frame.bits(0), planes > u ? frame.bits(u) : nullptr, planes > v ? frame.bits(v) : nullptr};
    view.strides = {frame.bytesPerLine(0), planes > u ? frame.bytesPerLine(u) : 0, planes > v ? frame.bytesPerLine(v) : 0};
    if (view.layout == PlanarLayout::Nv12 || view.layout == PlanarLayout::Nv21) {
      view.planes = {frame.bits(0), frame.bits(1), nullptr};
      view.strides = {frame.bytesPerLine(0), frame.bytesPerLine(1), 0};
    }
    const QVideoFrameFormat format = frame.surfaceFormat();
    view.full_range = format.colorRange() == QVideoFrameFormat::ColorRange_Full;
    view.bt709 = format.colorSpace() == QVideoFrameFormat::ColorSpace_BT709;
    image = planarFrameToImage(view);
  } else if (const QImage::Format packed = QVideoFrameFormat::imageFormatFromPixelFormat(frame.pixelFormat());
             packed != QImage::Format_Invalid) {
    image = QImage(frame.bits(0), frame.width(), frame.height(), frame.bytesPerLine(0), packed).copy();
  }
  frame.unmap();
  if (image.isNull()) image = frame.toImage();  // another layout: Qt's conversion, on this thread
  return image;
}

}  // namespace avqa
