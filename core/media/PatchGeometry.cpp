#include "media/PatchGeometry.h"

#include <algorithm>

namespace avqa {

QRectF patchPixelBox(QSize frame, int grid_rows, int grid_columns, const std::string& crop, int row, int column,
                     Mirror mirror) {
  QRectF covered(0, 0, frame.width(), frame.height());
  if (crop == "center-square") {
    const double side = std::min(frame.width(), frame.height());
    covered = QRectF((frame.width() - side) / 2.0, (frame.height() - side) / 2.0, side, side);
  }
  const double cell_w = covered.width() / grid_columns;
  const double cell_h = covered.height() / grid_rows;
  QRectF box(covered.left() + column * cell_w, covered.top() + row * cell_h, cell_w, cell_h);
  if (mirror == Mirror::Horizontal) box.moveLeft(frame.width() - box.right());
  return box;
}

}  // namespace avqa
