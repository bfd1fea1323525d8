#include "support/TestVideos.h"

#include <QImage>
#include <cmath>
#include <vector>

#include "media/Mp4Writer.h"

namespace avqa::test {

void writeRedBlueVideo(const std::string& path, int seconds, int width, int height) {
  Mp4Format format;
  format.width = width;
  format.height = height;
  Mp4Writer writer(path, format);
  QImage frame(width, height, QImage::Format_RGB32);
  frame.fill(qRgb(128, 128, 128));
  for (int y = 0; y < height / 2; ++y) {
    for (int x = width / 2; x < width; ++x) frame.setPixel(x, y, qRgb(250, 20, 20));
    for (int x = 0; x < width / 2; ++x) frame.setPixel(x, y + height / 2, qRgb(20, 20, 250));
  }
  for (int i = 0; i < seconds * format.fps; ++i) writer.writeVideoFrame(frame);
  std::vector<float> tone(static_cast<std::size_t>(seconds * 16000));
  for (std::size_t i = 0; i < tone.size(); ++i) {
    const double amplitude = i / 16000 == 2 ? 0.8 : 0.02;
    tone[i] = static_cast<float>(amplitude * std::sin(2.0 * 3.14159265358979 * 700.0 * static_cast<double>(i) / 16000.0));
  }
  writer.writeAudio(tone);
  writer.finish();
}

void writeMovingRedVideo(const std::string& path, int seconds, int width, int height) {
  Mp4Format format;
  format.width = width;
  format.height = height;
  Mp4Writer writer(path, format);
  const QPoint corners[4] = {{0, 0}, {width / 2, 0}, {width / 2, height / 2}, {0, height / 2}};
  for (int second = 0; second < seconds; ++second) {
    QImage frame(width, height, QImage::Format_RGB32);
    frame.fill(qRgb(128, 128, 128));
    const QPoint corner = corners[second % 4];
    for (int y = corner.y(); y < corner.y() + height / 2; ++y) {
      for (int x = corner.x(); x < corner.x() + width / 2; ++x) frame.setPixel(x, y, qRgb(250, 20, 20));
    }
    for (int i = 0; i < format.fps; ++i) writer.writeVideoFrame(frame);
  }
  writer.writeAudio(std::vector<float>(static_cast<std::size_t>(seconds * 16000), 0.01f));
  writer.finish();
}

}  // namespace avqa::test
