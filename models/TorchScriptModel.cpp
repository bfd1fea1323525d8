#include "TorchScriptModel.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/script.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/AvqaError.h"
#include "detail/GradientSaliency.h"
#include "detail/TensorConversion.h"
#include "common/FileHash.h"
#include "ModelMetadata.h"

namespace avqa {
namespace {

std::string shapeOf(const at::Tensor& tensor) {
  std::string text = "[";
  for (int64_t i = 0; i < tensor.dim(); ++i) text += (i ? "," : "") + std::to_string(tensor.size(i));
  return text + "]";
}

std::string shapeOf(const std::vector<int64_t>& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? "," : "") + std::to_string(shape[i]);
  return text + "]";
}

std::string firstLine(const std::string& text) {
  // TorchScript errors carry the whole traceback; the user needs the message.
  const std::size_t end = text.find("\n\n");
  std::string line = text.substr(0, end);
  const std::size_t raised = text.rfind("RuntimeError: ");
  if (raised != std::string::npos) line = text.substr(raised, text.find('\n', raised) - raised);
  return line;
}

// c10::Error, TorchScript raises and JIT errors become one AvqaError naming the model file.
template <typename Body>
auto atModelBoundary(const std::string& file, Body body) {
  try {
    return body();
  } catch (const c10::Error& error) {
    throw AvqaError(file, std::string("the model failed: ") + error.what_without_backtrace());
  } catch (const AvqaError&) {
    throw;
  } catch (const std::exception& error) {
    throw AvqaError(file, std::string("the model failed: ") + firstLine(error.what()));
  }
}

class TorchScriptModel : public AvqaModel {
 public:
  TorchScriptModel(torch::jit::Module module, ModelInfo info, std::string device)
      : module_(std::move(module)), info_(std::move(info)), device_(std::move(device)) {}

  const ModelInfo& info() const override { return info_; }
  std::string deviceName() const override { return device_; }

  Prediction predict(const ModelInputs& inputs, const CancelToken& cancel) override {
    cancel.throwIfCancelled();
    return atModelBoundary(info_.file, [&] {
      c10::InferenceMode inference;
      return run(inputs);
    });
  }

  Saliency saliency(const ModelInputs& inputs, std::size_t answer_index, const CancelToken& cancel) override {
    cancel.throwIfCancelled();
    return atModelBoundary(info_.file, [&] {
      std::vector<torch::jit::IValue> arguments = argumentsFor(inputs);
      const detail::SaliencyInputs tensors{arguments[0].toTensor(), arguments[1].toTensor(), info_.patches ? arguments[2].toTensor() : at::Tensor()};
      return detail::gradientTimesInput(
          tensors,
          [&](const detail::SaliencyInputs& leaves) {
            arguments[0] = leaves.audio;
            arguments[1] = leaves.visual;
            if (info_.patches) arguments[2] = leaves.patches;
            return logitsOf(forwardOutputs(arguments));
          },
          answer_index, info_.answers.at(answer_index));
    });
  }

 private:
  at::Tensor floats(const std::vector<float>& values, std::vector<int64_t> shape) const {
    return torch::from_blob(const_cast<float*>(values.data()), shape, torch::kFloat).clone().to(device_);
  }

  void expectShape(const c10::Dict<std::string, at::Tensor>& outputs, const std::string& key,
                   const std::vector<int64_t>& expected) const {
    const at::Tensor tensor = outputs.at(key);
    bool ok = tensor.dim() == static_cast<int64_t>(expected.size());
    for (std::size_t i = 0; ok && i < expected.size(); ++i) ok = expected[i] < 0 || tensor.size(static_cast<int64_t>(i)) == expected[i];
    if (!ok) {
      throw AvqaError(info_.file, "output \"" + key + "\" has shape " + shapeOf(tensor) + ", expected " + shapeOf(expected));
    }
  }

  // forward(audio, visual, patches, question) as the contract orders them, batch of one.
  std::vector<torch::jit::IValue> argumentsFor(const ModelInputs& inputs) const {
    const int64_t t = inputs.steps;
    std::vector<torch::jit::IValue> arguments;
    arguments.emplace_back(floats(inputs.audio, {1, t, info_.audio.dim}));
    arguments.emplace_back(floats(inputs.visual, {1, t, info_.visual.dim}));
    if (info_.patches) {
      arguments.emplace_back(floats(inputs.patches, {1, t, inputs.patch_count, info_.patches->dim}));
    } else {
      arguments.emplace_back(torch::zeros({1, t, 0, 0}, torch::kFloat).to(device_));
    }
    if (info_.question.input == QuestionInput::Tokens) {
      const int64_t length = static_cast<int64_t>(inputs.question_tokens.size());
      arguments.emplace_back(torch::from_blob(const_cast<int64_t*>(inputs.question_tokens.data()), {1, length}, torch::kLong).clone().to(device_));
    } else {
      arguments.emplace_back(floats(inputs.question_features, {1, info_.question.dim}));
    }
    return arguments;
  }

  c10::Dict<std::string, at::Tensor> forwardOutputs(std::vector<torch::jit::IValue> arguments) {
    const torch::jit::IValue output = module_.forward(std::move(arguments));
    if (!output.isGenericDict()) throw AvqaError(info_.file, "forward() must return a Dict[str, Tensor]");
    c10::Dict<std::string, at::Tensor> outputs;
    try {
      outputs = c10::impl::toTypedDict<std::string, at::Tensor>(output.toGenericDict());
    } catch (const c10::Error&) {
      throw AvqaError(info_.file, "forward() must return a Dict[str, Tensor]");
    }
    return outputs;
  }

  at::Tensor logitsOf(const c10::Dict<std::string, at::Tensor>& outputs) const {
    const int64_t classes = static_cast<int64_t>(info_.answers.size());
    if (!outputs.contains("logits")) throw AvqaError(info_.file, "output has no \"logits\" (required, shape [1," + std::to_string(classes) + "])");
    expectShape(outputs, "logits", {1, classes});
    return outputs.at("logits");
  }

  Prediction run(const ModelInputs& inputs) {
    const int64_t t = inputs.steps;
    const int64_t classes = static_cast<int64_t>(info_.answers.size());
    const int64_t question_length = info_.question.input == QuestionInput::Tokens ? static_cast<int64_t>(inputs.question_tokens.size()) : 0;
    const c10::Dict<std::string, at::Tensor> outputs = forwardOutputs(argumentsFor(inputs));
    const at::Tensor logits = logitsOf(outputs);
    Prediction prediction;
    prediction.answers = info_.answers;
    if (info_.patches) {
      prediction.grid = info_.patches->grid;
      prediction.crop = info_.patches->crop;
    }
    prediction.probabilities = detail::toFloatVector(torch::softmax(logits.to(torch::kFloat), 1));
    const int64_t patches = info_.patches ? inputs.patch_count : -1;
    for (const char* key : {"temporal", "temporal_selected"}) {
      if (!outputs.contains(key)) continue;
      expectShape(outputs, key, {1, t});
      (std::string(key) == "temporal" ? prediction.temporal : prediction.temporal_selected) = detail::toFloatVector(outputs.at(key));
    }
    for (const char* key : {"spatial", "sound_spatial"}) {
      if (!outputs.contains(key)) continue;
      expectShape(outputs, key, {1, t, patches});
      const at::Tensor map = outputs.at(key);
      Matrix matrix{static_cast<std::size_t>(t), static_cast<std::size_t>(map.size(2)), detail::toFloatVector(map)};
      (std::string(key) == "spatial" ? prediction.spatial : prediction.sound_spatial) = std::move(matrix);
    }
    for (const auto& [key, name] : {std::pair<const char*, const char*>{"logits_audio", "audio"}, {"logits_visual", "visual"}}) {
      if (!outputs.contains(key)) continue;
      expectShape(outputs, key, {1, classes});
      prediction.path_probs[name] = detail::toFloatVector(torch::softmax(outputs.at(key).to(torch::kFloat), 1));
    }
    for (const auto& [key, name] : {std::pair<const char*, const char*>{"tokens", "question"}, {"tokens_audio", "audio"},
                                    {"tokens_visual", "visual"}}) {
      if (!outputs.contains(key)) continue;
      if (info_.question.input != QuestionInput::Tokens) throw AvqaError(info_.file, std::string("output \"") + key + "\" needs a token question");
      expectShape(outputs, key, {1, question_length});
      prediction.tokens[name] = detail::toFloatVector(outputs.at(key));
    }
    return prediction;
  }

  torch::jit::Module module_;
  ModelInfo info_;
  std::string device_;
};

}  // namespace

std::unique_ptr<AvqaModel> loadTorchScriptModel(const std::string& path, DeviceRequest device_request) {
  if (!std::filesystem::is_regular_file(path)) throw AvqaError(path, "no such model file");
  const std::string device = resolveDevice(device_request);
  // The profiling executor spends the first calls recording shapes (hundreds of ms for a
  // paper-scale model) before it optimises, and the legacy one optimises on the first call:
  // a one-shot ask would pay either. The simple executor runs the graph as saved, which
  // measures fastest for a single forward (scripts/bench-ask-vs-python.sh).
  torch::jit::getProfilingMode() = false;
  torch::jit::getExecutorMode() = false;
  torch::jit::setGraphExecutorOptimize(false);
  torch::jit::ExtraFilesMap extra{{"avqa.json", ""}};
  torch::jit::Module module;
  try {
    module = torch::jit::load(path, torch::Device(device), extra);
  } catch (const c10::Error& error) {
    throw AvqaError(path, "is neither an AVQA Lens model file nor a TorchScript model LibTorch can load");
  }
  if (extra["avqa.json"].empty()) {
    throw AvqaError(path, "has no avqa.json (save it with torch.jit.save(m, path, _extra_files={\"avqa.json\": ...}))");
  }
  ModelInfo info = parseModelMetadata(extra["avqa.json"], path);
  info.file_sha256 = sha256OfFile(path);
  module.eval();
  return std::make_unique<TorchScriptModel>(std::move(module), std::move(info), device);
}

DeviceRequest parseDeviceRequest(const std::string& text) {
  if (text == "auto" || text.empty()) return DeviceRequest::Auto;
  if (text == "cpu") return DeviceRequest::Cpu;
  if (text == "cuda") return DeviceRequest::Cuda;
  throw UsageError("--device must be auto, cpu or cuda");
}

std::string resolveDevice(DeviceRequest request) {
  const bool cuda = torch::cuda::is_available();
  if (request == DeviceRequest::Cuda && !cuda) {
    throw AvqaError("", "CUDA was asked for, but this LibTorch build or this machine has no usable CUDA GPU");
  }
  return request != DeviceRequest::Cpu && cuda ? "cuda" : "cpu";
}

void setTorchThreadsForThisThread(int threads) { at::set_num_threads(std::max(1, threads)); }

}  // namespace avqa
