#pragma once

// Internal to avqa_models (includes torch): the built-in encoders, small CNNs trained from
// scratch on the synthetic benchmark with targets its generator knows, then frozen (as the
// papers freeze VGGish and CLIP).

#include <torch/torch.h>

#include <QImage>
#include <vector>

#include "builtin/BuiltinConfig.h"

namespace avqa::builtin {

constexpr int kInstrumentClasses = 22;  // the MUSIC-AVQA instruments

struct VisualCodes {
  at::Tensor frame;    // [N,Dv]
  at::Tensor patches;  // [N,M,Dp]
};

// Frame (full frame squashed to image_size^2) -> frame embedding and a grid x grid of patches.
// Pretraining: each patch names the instrument whose box holds its centre (or background),
// each frame the instruments visible in it.
class VisualEncoderNetImpl : public torch::nn::Module {
 public:
  explicit VisualEncoderNetImpl(const BuiltinConfig& config);
  VisualCodes forward(const at::Tensor& frames);  // [N,3,S,S] as made by framesToTensor
  at::Tensor patchLogits(const at::Tensor& patches) { return patch_classifier_->forward(patches); }  // [N,M,23]
  at::Tensor frameLogits(const at::Tensor& frame) { return frame_classifier_->forward(frame); }        // [N,22]

 private:
  torch::nn::Sequential trunk_{nullptr};
  torch::nn::Conv2d patch_out_{nullptr};
  torch::nn::Linear frame_out_{nullptr};
  torch::nn::Linear patch_classifier_{nullptr}, frame_classifier_{nullptr};
};
TORCH_MODULE(VisualEncoderNet);

// VGGish-shaped: one 0.96 s log-mel example [96 x 64] -> an embedding. Pretraining: which
// instruments sound in that second, and how loud each is.
class AudioEncoderNetImpl : public torch::nn::Module {
 public:
  explicit AudioEncoderNetImpl(const BuiltinConfig& config);
  at::Tensor forward(const at::Tensor& log_mel);  // [N,1,96,64] as made by logMelToTensor
  at::Tensor soundingLogits(const at::Tensor& codes) { return sounding_classifier_->forward(codes); }  // [N,22]
  at::Tensor loudness(const at::Tensor& codes) { return loudness_->forward(codes); }                 // [N,22]
  int64_t codeSize() const { return out_->options.out_features(); }

 private:
  torch::nn::Sequential trunk_{nullptr};
  torch::nn::Linear out_{nullptr};
  torch::nn::Linear sounding_classifier_{nullptr}, loudness_{nullptr};
};
TORCH_MODULE(AudioEncoderNet);

// The encoders' input conventions, shared by training and inference.
at::Tensor framesToTensor(const std::vector<QImage>& frames, int size);           // [N,3,S,S] float
at::Tensor framesToBytes(const std::vector<QImage>& frames, int size);            // [N,3,S,S] uint8
at::Tensor bytesToFrameTensor(const at::Tensor& bytes);                           // uint8 -> normalized float
at::Tensor logMelToTensor(const std::vector<float>& examples, int64_t count);     // [N,1,96,64] float

}  // namespace avqa::builtin
