#pragma once

#include <QImage>
#include <array>
#include <cstdint>

namespace avqa {

// A decoded video frame in one of the planar or semi-planar YUV layouts players hand out,
// viewed in place (the planes belong to the caller).
enum class PlanarLayout { Yuv420p, Yuv422p, Yuv444p, Nv12, Nv21 };

struct PlanarFrameView {
  PlanarLayout layout = PlanarLayout::Yuv420p;
  int width = 0;
  int height = 0;
  std::array<const std::uint8_t*, 3> planes{};
  std::array<int, 3> strides{};
  bool full_range = false;  // JPEG range (0-255) rather than video range (16-235)
  bool bt709 = false;       // HD colour matrix; BT.601 otherwise
};

// Converts to a new RGB32 image with libswscale (what the decoder uses too). A null image for
// an empty frame.
QImage planarFrameToImage(const PlanarFrameView& frame);

}  // namespace avqa
