#include "media/ContactSheet.h"

#include <QPainter>
#include <algorithm>

#include "common/AvqaError.h"
#include "media/MediaSampler.h"

namespace avqa {

QImage makeContactSheet(const std::vector<std::string>& videos, double time_s, int columns) {
  if (videos.empty()) throw AvqaError("", "no videos for the contact sheet");
  std::vector<QImage> tiles;
  for (const std::string& video : videos) {
    // One frame per video, not a whole decode: the sampler seeks or stops at it.
    tiles.push_back(MediaSampler(video).framesAt({time_s}, CancelToken()).front());
  }
  columns = std::max(1, std::min(columns, static_cast<int>(tiles.size())));
  const int rows = (static_cast<int>(tiles.size()) + columns - 1) / columns;
  const int tile_w = tiles.front().width();
  const int tile_h = tiles.front().height();
  constexpr int kGap = 4;
  QImage sheet(columns * tile_w + (columns + 1) * kGap, rows * tile_h + (rows + 1) * kGap, QImage::Format_RGB32);
  sheet.fill(QColor(30, 30, 30));
  QPainter painter(&sheet);
  for (std::size_t i = 0; i < tiles.size(); ++i) {
    const int column = static_cast<int>(i) % columns;
    const int row = static_cast<int>(i) / columns;
    painter.drawImage(QRect(kGap + column * (tile_w + kGap), kGap + row * (tile_h + kGap), tile_w, tile_h), tiles[i]);
  }
  return sheet;
}

}  // namespace avqa
