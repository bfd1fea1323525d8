#pragma once

#include <QRect>
#include <QRectF>
#include <QSize>
#include <string>

namespace avqa {

enum class Mirror { None, Horizontal };  // `_flip` videos are shown mirrored

// The pixel box, on the frame as displayed (rotation applied), of patch (row, column) of a
// row-major grid of `grid_rows` x `grid_columns` covering `crop` of the frame:
// "center-square" (CLIP: the centred square of the short side) or "full-frame" (the whole
// frame squashed to a square). With Mirror::Horizontal the columns are mirrored with the
// picture. One function for the overlay, `render` and the faithfulness metrics.
// The part of the frame a patch grid (or an encoder) sees: the centred square for
// "center-square", the whole frame for "full-frame".
QRect cropRegion(QSize frame, const std::string& crop);

QRectF patchPixelBox(QSize frame, int grid_rows, int grid_columns, const std::string& crop, int row, int column,
                     Mirror mirror = Mirror::None);

}  // namespace avqa
