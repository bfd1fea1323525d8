#include "media/PatchGeometry.h"

#include <algorithm>

namespace avqa {

QRect cropRegion(QSize frame, const std::string& crop) {
  if (crop != "center-square") return QRect(QPoint(0, 0), frame);
  const int side = std::min(frame.width(), frame.height());
  return QRect((frame.width() - side) / 2, (frame.height() - side) / 2, side, side);
}

QRectF patchPixelBox(QSize frame, int grid_rows, int grid_columns, const std::string& crop, int row, int column,
                     Mirror mirror) {
  const QRectF covered = cropRegion(frame, crop);
  const double cell_w = covered.width() / grid_columns;
  const double cell_h = covered.height() / grid_rows;
  QRectF box(covered.left() + column * cell_w, covered.top() + row * cell_h, cell_w, cell_h);
  if (mirror == Mirror::Horizontal) box.moveLeft(frame.width() - box.right());
  return box;
}

}  // namespace avqa
