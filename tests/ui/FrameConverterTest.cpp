// The player's frames become images off the GUI thread: planar YUV through libswscale with
// the colours a BT.601 video-range frame means, the newest frame winning under load.
#include <gtest/gtest.h>

#include <QColor>
#include <QSignalSpy>
#include <QTest>
#include <QVideoFrame>
#include <QVideoFrameFormat>
#include <cstring>

#include "FrameConverter.h"

namespace {

// A 64x48 YUV 4:2:0 frame of one colour, written plane by plane.
QVideoFrame solidYuvFrame(QVideoFrameFormat::PixelFormat layout, int y, int u, int v) {
  QVideoFrameFormat format(QSize(64, 48), layout);
  format.setColorRange(QVideoFrameFormat::ColorRange_Video);
  QVideoFrame frame(format);
  EXPECT_TRUE(frame.map(QVideoFrame::WriteOnly));
  std::memset(frame.bits(0), y, static_cast<std::size_t>(frame.bytesPerLine(0) * 48));
  if (layout == QVideoFrameFormat::Format_NV12) {
    for (int row = 0; row < 24; ++row) {
      uchar* line = frame.bits(1) + row * frame.bytesPerLine(1);
      for (int x = 0; x < 32; ++x) {
        line[2 * x] = static_cast<uchar>(u);
        line[2 * x + 1] = static_cast<uchar>(v);
      }
    }
  } else {
    std::memset(frame.bits(1), u, static_cast<std::size_t>(frame.bytesPerLine(1) * 24));
    std::memset(frame.bits(2), v, static_cast<std::size_t>(frame.bytesPerLine(2) * 24));
  }
  frame.unmap();
  return frame;
}

TEST(FrameConverter, PlanarYuvBecomesTheColoursItMeans) {
  // BT.601 video range: Y 81, U 90, V 240 is pure red; Y 41, U 240, V 110 is pure blue.
  for (const auto layout : {QVideoFrameFormat::Format_YUV420P, QVideoFrameFormat::Format_NV12}) {
    const QImage red = avqa::FrameConverter::toImage(solidYuvFrame(layout, 81, 90, 240));
    ASSERT_EQ(red.size(), QSize(64, 48));
    const QColor r = red.pixelColor(10, 10);
    EXPECT_GT(r.red(), 240) << layout;
    EXPECT_LT(r.green(), 15) << layout;
    EXPECT_LT(r.blue(), 15) << layout;
    const QColor b = avqa::FrameConverter::toImage(solidYuvFrame(layout, 41, 240, 110)).pixelColor(30, 30);
    EXPECT_GT(b.blue(), 240) << layout;
    EXPECT_LT(b.red(), 15) << layout;
  }
}

TEST(FrameConverter, FramesAreDeliveredOnTheGuiThreadNewestLast) {
  avqa::FrameConverter converter;
  QSignalSpy converted(&converter, &avqa::FrameConverter::converted);
  for (int i = 0; i < 20; ++i) converter.submit(solidYuvFrame(QVideoFrameFormat::Format_YUV420P, 81, 90, 240), i * 0.04);
  ASSERT_TRUE(QTest::qWaitFor([&] { return !converted.isEmpty() && converted.last().at(1).toDouble() == 19 * 0.04; }, 30000));
  EXPECT_LE(converted.count(), 20);  // frames that waited behind a newer one were dropped
  for (const QList<QVariant>& delivered : converted) EXPECT_EQ(delivered.at(0).value<QImage>().size(), QSize(64, 48));
}

}  // namespace
