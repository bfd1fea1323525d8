#pragma once

// Internal to avqa_models (includes torch): a built-in model as its file holds it — the
// configuration, answer list, vocabulary, training provenance and the weights of its two
// encoders and its head.

#include <torch/torch.h>

#include <string>
#include <vector>

#include "EncoderNets.h"
#include "HeadNet.h"
#include "ModelInfo.h"
#include "builtin/BuiltinConfig.h"
#include "builtin/BuiltinModelFormat.h"

namespace avqa::builtin {

class BuiltinBundleImpl : public torch::nn::Module {
 public:
  explicit BuiltinBundleImpl(const BuiltinConfig& config);
  AudioEncoderNet audio{nullptr};
  VisualEncoderNet visual{nullptr};
  std::shared_ptr<HeadNet> head;
};
TORCH_MODULE(BuiltinBundle);

struct BuiltinModelData : BuiltinModelHeader {
  BuiltinBundle bundle{nullptr};
};

// File layout: the 16-byte magic "AVQA-LENS-MODEL\n", then two length-prefixed blocks
// (u64 little-endian byte count, then the bytes): the metadata JSON and the weights as a
// LibTorch archive. Written atomically.
void writeBuiltinModelFile(const BuiltinModelData& model, const std::string& path);
BuiltinModelData readBuiltinModelFile(const std::string& path, const std::string& device);

// What the model declares to the rest of the app: its encoders are in its own file.
ModelInfo modelInfoOf(const BuiltinModelData& model, const std::string& path);

}  // namespace avqa::builtin
