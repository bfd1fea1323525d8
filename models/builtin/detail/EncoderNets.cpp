#include "EncoderNets.h"

#include <cstring>

namespace avqa::builtin {
namespace {

void addConvBlock(torch::nn::Sequential& trunk, int in_channels, int out_channels, int stride) {
  trunk->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in_channels, out_channels, 3).stride(stride).padding(1).bias(false)));
  trunk->push_back(torch::nn::BatchNorm2d(out_channels));
  trunk->push_back(torch::nn::ReLU());
}

}  // namespace

VisualEncoderNetImpl::VisualEncoderNetImpl(const BuiltinConfig& config) {
  // Stride-2 blocks down to the patch grid (112 -> 7 in four halvings), then one more block
  // so each patch code sees its neighbours.
  torch::nn::Sequential trunk;
  int channels = 3;
  int size = config.image_size;
  const int widths[] = {24, 48, 64, 96};
  for (int width : widths) {
    addConvBlock(trunk, channels, width, size > config.grid ? 2 : 1);
    channels = width;
    size = (size + 1) / 2;
  }
  addConvBlock(trunk, channels, 128, 1);
  trunk->push_back(torch::nn::AdaptiveAvgPool2d(torch::nn::AdaptiveAvgPool2dOptions({config.grid, config.grid})));
  trunk_ = register_module("trunk", trunk);
  patch_out_ = register_module("patch_out", torch::nn::Conv2d(torch::nn::Conv2dOptions(128, config.patch_dim, 1)));
  frame_out_ = register_module("frame_out", torch::nn::Linear(128, config.visual_dim));
  patch_classifier_ = register_module("patch_classifier", torch::nn::Linear(config.patch_dim, kInstrumentClasses + 1));
  frame_classifier_ = register_module("frame_classifier", torch::nn::Linear(config.visual_dim, kInstrumentClasses));
}

VisualCodes VisualEncoderNetImpl::forward(const at::Tensor& frames) {
  const at::Tensor maps = trunk_->forward(frames);  // [N,128,g,g]
  VisualCodes codes;
  codes.patches = patch_out_->forward(maps).flatten(2).transpose(1, 2).contiguous();  // row-major patches
  codes.frame = frame_out_->forward(maps.mean({2, 3}));
  return codes;
}

AudioEncoderNetImpl::AudioEncoderNetImpl(const BuiltinConfig& config) {
  torch::nn::Sequential trunk;
  int channels = 1;
  for (int width : {16, 32, 64, 128}) {
    addConvBlock(trunk, channels, width, 2);
    channels = width;
  }
  trunk->push_back(torch::nn::AdaptiveAvgPool2d(torch::nn::AdaptiveAvgPool2dOptions({1, 1})));
  trunk->push_back(torch::nn::Flatten());
  trunk_ = register_module("trunk", trunk);
  out_ = register_module("out", torch::nn::Linear(channels, config.audio_dim));
  sounding_classifier_ = register_module("sounding_classifier", torch::nn::Linear(config.audio_dim, kInstrumentClasses));
  loudness_ = register_module("loudness", torch::nn::Linear(config.audio_dim, kInstrumentClasses));
}

at::Tensor AudioEncoderNetImpl::forward(const at::Tensor& log_mel) { return out_->forward(trunk_->forward(log_mel)); }

at::Tensor framesToBytes(const std::vector<QImage>& frames, int size) {
  at::Tensor bytes = torch::zeros({static_cast<int64_t>(frames.size()), 3, size, size}, torch::kUInt8);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    if (frames[i].isNull()) continue;  // a padded step: black
    const QImage image = frames[i].scaled(size, size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation).convertToFormat(QImage::Format_RGB888);
    at::Tensor hwc = torch::empty({size, size, 3}, torch::kUInt8);
    for (int y = 0; y < size; ++y) std::memcpy(hwc.data_ptr<uint8_t>() + static_cast<std::ptrdiff_t>(y) * size * 3, image.constScanLine(y), static_cast<std::size_t>(size) * 3);
    bytes[static_cast<int64_t>(i)] = hwc.permute({2, 0, 1});
  }
  return bytes;
}

at::Tensor bytesToFrameTensor(const at::Tensor& bytes) { return (bytes.to(torch::kFloat) / 255.0 - 0.5) / 0.25; }

at::Tensor framesToTensor(const std::vector<QImage>& frames, int size) { return bytesToFrameTensor(framesToBytes(frames, size)); }

at::Tensor logMelToTensor(const std::vector<float>& examples, int64_t count) {
  // log(mel + 0.01) lies in about [-4.6, 6]: centre and scale it near unit range.
  return (torch::from_blob(const_cast<float*>(examples.data()), {count, 1, 96, 64}, torch::kFloat).clone() + 2.0) / 3.0;
}

}  // namespace avqa::builtin
