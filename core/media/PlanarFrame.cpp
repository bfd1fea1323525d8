#include "media/PlanarFrame.h"

extern "C" {
#include <libswscale/swscale.h>
}

#include <memory>

namespace avqa {
namespace {

AVPixelFormat avFormat(PlanarLayout layout, bool full_range) {
  switch (layout) {
    case PlanarLayout::Yuv420p: return full_range ? AV_PIX_FMT_YUVJ420P : AV_PIX_FMT_YUV420P;
    case PlanarLayout::Yuv422p: return full_range ? AV_PIX_FMT_YUVJ422P : AV_PIX_FMT_YUV422P;
    case PlanarLayout::Yuv444p: return full_range ? AV_PIX_FMT_YUVJ444P : AV_PIX_FMT_YUV444P;
    case PlanarLayout::Nv12: return AV_PIX_FMT_NV12;
    case PlanarLayout::Nv21: return AV_PIX_FMT_NV21;
  }
  return AV_PIX_FMT_YUV420P;
}

}  // namespace

QImage planarFrameToImage(const PlanarFrameView& frame) {
  if (frame.width <= 0 || frame.height <= 0 || !frame.planes[0]) return {};
  const std::unique_ptr<SwsContext, decltype(&sws_freeContext)> scaler(
      sws_getContext(frame.width, frame.height, avFormat(frame.layout, frame.full_range), frame.width, frame.height, AV_PIX_FMT_BGRA,
                     SWS_BILINEAR, nullptr, nullptr, nullptr),
      &sws_freeContext);
  if (!scaler) return {};
  const int* coefficients = sws_getCoefficients(frame.bt709 ? SWS_CS_ITU709 : SWS_CS_ITU601);
  const int source_range = frame.full_range ? 1 : 0;
  sws_setColorspaceDetails(scaler.get(), coefficients, source_range, coefficients, 1, 0, 1 << 16, 1 << 16);
  QImage image(frame.width, frame.height, QImage::Format_RGB32);  // BGRA in memory on little-endian
  uint8_t* destination[4] = {image.bits(), nullptr, nullptr, nullptr};
  int destination_stride[4] = {static_cast<int>(image.bytesPerLine()), 0, 0, 0};
  const uint8_t* source[4] = {frame.planes[0], frame.planes[1], frame.planes[2], nullptr};
  const int source_stride[4] = {frame.strides[0], frame.strides[1], frame.strides[2], 0};
  sws_scale(scaler.get(), source, source_stride, 0, frame.height, destination, destination_stride);
  return image;
}

}  // namespace avqa
