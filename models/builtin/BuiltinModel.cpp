// The built-in models behind the AvqaModel interface, and their encoders behind the
// feature-encoder interfaces. Torch stays in this file and in detail/.
#include <ATen/Parallel.h>
#include <torch/torch.h>

#include <cstring>
#include <fstream>

#include "BuiltinModelFile.h"
#include "BuiltinModelFormat.h"
#include "FeatureEncoders.h"
#include "TorchScriptEncoders.h"
#include "common/AvqaError.h"
#include "common/FileHash.h"
#include "detail/BuiltinBundle.h"
#include "../detail/GradientSaliency.h"
#include "../detail/TensorConversion.h"
#include "../detail/TorchGuard.h"

namespace avqa {
namespace {

using builtin::BuiltinModelData;

std::optional<Matrix> matrixOf(const at::Tensor& tensor) {
  if (!tensor.defined()) return std::nullopt;
  return Matrix{static_cast<std::size_t>(tensor.size(1)), static_cast<std::size_t>(tensor.size(2)), detail::toFloatVector(tensor[0])};
}

std::optional<std::vector<float>> vectorOf(const at::Tensor& tensor) {
  if (!tensor.defined()) return std::nullopt;
  return detail::toFloatVector(tensor[0]);
}

class BuiltinModel : public AvqaModel {
 public:
  BuiltinModel(BuiltinModelData data, ModelInfo info, std::string device)
      : data_(std::move(data)), info_(std::move(info)), device_(std::move(device)) {}

  const ModelInfo& info() const override { return info_; }
  std::string deviceName() const override { return device_; }

  Prediction predict(const ModelInputs& inputs, const CancelToken& cancel) override {
    cancel.throwIfCancelled();
    checkSteps(inputs);
    return detail::guardedTorchCall(info_.file, "the model", [&] {
      const builtin::HeadOutputs out = forwardOnOneThread(headInputs(inputs));
      Prediction prediction;
      prediction.answers = info_.answers;
      prediction.probabilities = detail::toFloatVector(torch::softmax(out.logits, 1));
      prediction.temporal = vectorOf(out.temporal);
      prediction.temporal_selected = vectorOf(out.temporal_selected);
      prediction.spatial = matrixOf(out.spatial);
      prediction.sound_spatial = matrixOf(out.sound_spatial);
      if (out.logits_audio.defined()) prediction.path_probs["audio"] = detail::toFloatVector(torch::softmax(out.logits_audio, 1));
      if (out.logits_visual.defined()) prediction.path_probs["visual"] = detail::toFloatVector(torch::softmax(out.logits_visual, 1));
      if (out.tokens_audio.defined()) prediction.tokens["audio"] = detail::toFloatVector(out.tokens_audio[0]);
      if (out.tokens_visual.defined()) prediction.tokens["visual"] = detail::toFloatVector(out.tokens_visual[0]);
      if (info_.patches) {
        prediction.grid = info_.patches->grid;
        prediction.crop = info_.patches->crop;
      }
      return prediction;
    });
  }

  Saliency saliency(const ModelInputs& inputs, std::size_t answer_index, const CancelToken& cancel) override {
    cancel.throwIfCancelled();
    checkSteps(inputs);
    try {
      builtin::HeadInputs head = headInputs(inputs);
      const detail::SaliencyInputs tensors{head.audio, head.visual, head.patches};
      return detail::gradientTimesInput(
          tensors,
          [&](const detail::SaliencyInputs& leaves) {
            head.audio = leaves.audio;
            head.visual = leaves.visual;
            head.patches = leaves.patches;
            return forwardOnOneThread(head).logits;
          },
          answer_index, info_.answers.at(answer_index));
    } catch (const c10::Error& error) {
      throw AvqaError(info_.file, std::string("the model failed: ") + error.what_without_backtrace());
    }
  }

 private:
  void checkSteps(const ModelInputs& inputs) const {
    if (inputs.steps != data_.config.time_steps) {
      throw AvqaError(info_.file, "takes " + std::to_string(data_.config.time_steps) + " steps, got " + std::to_string(inputs.steps));
    }
  }

  builtin::HeadInputs headInputs(const ModelInputs& inputs) const {
    const BuiltinConfig& config = data_.config;
    const auto floats = [&](const std::vector<float>& values, std::vector<int64_t> shape) {
      return torch::from_blob(const_cast<float*>(values.data()), shape, torch::kFloat).clone().to(device_);
    };
    const int64_t t = config.time_steps;
    builtin::HeadInputs head;
    head.audio = floats(inputs.audio, {1, t, config.audio_dim});
    head.visual = floats(inputs.visual, {1, t, config.visual_dim});
    if (info_.patches) head.patches = floats(inputs.patches, {1, t, inputs.patch_count, config.patch_dim});
    head.question = torch::from_blob(const_cast<int64_t*>(inputs.question_tokens.data()),
                                     {1, static_cast<int64_t>(inputs.question_tokens.size())}, torch::kLong)
                        .clone()
                        .to(device_);
    return head;
  }

  // One question's tensors are small: splitting each op over threads costs more than it
  // gains (paper-scale PSTP-Net, B=1 on 2 cores: 41 ms on two threads, 11 ms on one).
  builtin::HeadOutputs forwardOnOneThread(const builtin::HeadInputs& inputs) {
    const int threads = at::get_num_threads();
    at::set_num_threads(1);
    try {
      builtin::HeadOutputs out = data_.bundle->head->forward(inputs);
      at::set_num_threads(threads);
      return out;
    } catch (...) {
      at::set_num_threads(threads);
      throw;
    }
  }

  mutable BuiltinModelData data_;  // forward() is not const in LibTorch
  ModelInfo info_;
  std::string device_;
};

class BuiltinAudioEncoder : public AudioFeatureEncoder {
 public:
  BuiltinAudioEncoder(const std::string& path, const std::string& device)
      : path_(path), device_(device), data_(builtin::readBuiltinModelFile(path, device)) {}
  int dim() const override { return data_.config.audio_dim; }
  std::vector<float> encode(const std::vector<float>& examples, int count) const override {
    return detail::guardedTorchCall(path_, "the encoder", [&] { return detail::toFloatVector(data_.bundle->audio->forward(builtin::logMelToTensor(examples, count).to(device_))); });
  }

 private:
  std::string path_, device_;
  mutable BuiltinModelData data_;  // forward() is not const in LibTorch
};

class BuiltinVisualEncoder : public VisualFeatureEncoder {
 public:
  BuiltinVisualEncoder(const std::string& path, const std::string& device)
      : path_(path), device_(device), data_(builtin::readBuiltinModelFile(path, device)) {}
  int dim() const override { return data_.config.visual_dim; }
  int patchDim() const override { return data_.config.patch_dim; }
  VisualEncoding encode(const std::vector<QImage>& frames) const override {
    return detail::guardedTorchCall(path_, "the encoder", [&] {
      const builtin::VisualCodes codes = data_.bundle->visual->forward(builtin::framesToTensor(frames, data_.config.image_size).to(device_));
      return VisualEncoding{detail::toFloatVector(codes.frame), detail::toFloatVector(codes.patches), data_.config.patchCount()};
    });
  }

 private:
  std::string path_, device_;
  mutable BuiltinModelData data_;  // forward() is not const in LibTorch
};

}  // namespace

bool isBuiltinModelFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  char head[sizeof(kBuiltinModelMagic) - 1] = {};
  return file.read(head, sizeof(head)) && std::memcmp(head, kBuiltinModelMagic, sizeof(head)) == 0;
}

std::unique_ptr<AvqaModel> loadBuiltinModel(const std::string& path, DeviceRequest device_request) {
  const std::string device = resolveDevice(device_request);
  BuiltinModelData data = builtin::readBuiltinModelFile(path, device);
  ModelInfo info = builtin::modelInfoOf(data, path);
  info.file_sha256 = sha256OfFile(path);
  return std::make_unique<BuiltinModel>(std::move(data), std::move(info), device);
}

std::string builtinModelMetadata(const std::string& path) { return readBuiltinModelBlocks(path).metadata; }

std::unique_ptr<AudioFeatureEncoder> openAudioEncoder(const std::string& path, const std::string& device) {
  if (isBuiltinModelFile(path)) return std::make_unique<BuiltinAudioEncoder>(path, device);
  return std::make_unique<TorchScriptAudioEncoder>(path, device);
}

std::unique_ptr<VisualFeatureEncoder> openVisualEncoder(const std::string& path, const std::string& device) {
  if (isBuiltinModelFile(path)) return std::make_unique<BuiltinVisualEncoder>(path, device);
  return std::make_unique<TorchScriptVisualEncoder>(path, device);
}

}  // namespace avqa
