#include "TorchScriptModel.h"

#include <ATen/Parallel.h>
#include <torch/cuda.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/script.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/AvqaError.h"
#include "detail/GradientSaliency.h"
#include "detail/TensorConversion.h"
#include "common/FileHash.h"
#include "ModelExplanation.h"
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

  void warmUp() override {
    try {
      predict(zeroInputs(info_), CancelToken());
    } catch (const std::exception&) {
      // the question's own forward reports what is wrong, with its real inputs
    }
  }

  // One forward for the batch when avqa.json says the model takes one; else one at a time.
  std::vector<Prediction> predictBatch(const std::vector<const ModelInputs*>& batch, const CancelToken& cancel) override {
    if (info_.batch != BatchSupport::Batched || batch.size() < 2) return AvqaModel::predictBatch(batch, cancel);
    cancel.throwIfCancelled();
    for (const ModelInputs* inputs : batch) {
      if (inputs->steps != batch.front()->steps || inputs->patch_count != batch.front()->patch_count) {
        return AvqaModel::predictBatch(batch, cancel);  // different videos' steps: not one tensor
      }
    }
    return atModelBoundary(info_.file, [&] {
      c10::InferenceMode inference;
      return run(batch);
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
  // On the CPU the model reads the caller's arrays in place (a paper-scale question's patches
  // are 6 MB: copying them was a tenth of the forward). The contract forbids writing into
  // the inputs; a model that does would change the caller's arrays.
  at::Tensor floats(const std::vector<float>& values, std::vector<int64_t> shape) const {
    const at::Tensor view = torch::from_blob(const_cast<float*>(values.data()), shape, torch::kFloat);
    return device_ == "cpu" ? view : view.to(device_);
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

  // forward(audio, visual, patches, question) as the contract orders them: the questions of
  // `batch` (one video's steps, so one T) stacked on dimension 0; token ids padded with 0.
  std::vector<torch::jit::IValue> argumentsFor(const std::vector<const ModelInputs*>& batch) const {
    const ModelInputs& first = *batch.front();
    const int64_t b = static_cast<int64_t>(batch.size());
    const int64_t t = first.steps;
    const auto stacked = [&](auto member, std::vector<int64_t> shape) {
      at::Tensor out = torch::empty(shape, torch::kFloat);
      float* row = out.data_ptr<float>();
      for (const ModelInputs* inputs : batch) row = std::copy((inputs->*member).begin(), (inputs->*member).end(), row);
      return device_ == "cpu" ? out : out.to(device_);
    };
    std::vector<torch::jit::IValue> arguments;
    arguments.emplace_back(b == 1 ? floats(first.audio, {1, t, info_.audio.dim}) : stacked(&ModelInputs::audio, {b, t, info_.audio.dim}));
    arguments.emplace_back(b == 1 ? floats(first.visual, {1, t, info_.visual.dim}) : stacked(&ModelInputs::visual, {b, t, info_.visual.dim}));
    if (info_.patches) {
      const std::vector<int64_t> shape{b, t, first.patch_count, info_.patches->dim};
      arguments.emplace_back(b == 1 ? floats(first.patches, shape) : stacked(&ModelInputs::patches, shape));
    } else {
      arguments.emplace_back(torch::zeros({b, t, 0, 0}, torch::kFloat).to(device_));
    }
    if (info_.question.input == QuestionInput::Tokens) {
      std::size_t length = 0;
      for (const ModelInputs* inputs : batch) length = std::max(length, inputs->question_tokens.size());
      at::Tensor tokens = torch::zeros({b, static_cast<int64_t>(length)}, torch::kLong);
      for (int64_t row = 0; row < b; ++row) {
        const std::vector<std::int64_t>& ids = batch[static_cast<std::size_t>(row)]->question_tokens;
        std::copy(ids.begin(), ids.end(), tokens[row].data_ptr<int64_t>());
      }
      arguments.emplace_back(tokens.to(device_));
    } else {
      arguments.emplace_back(stacked(&ModelInputs::question_features, {b, info_.question.dim}));
    }
    return arguments;
  }

  std::vector<torch::jit::IValue> argumentsFor(const ModelInputs& inputs) const { return argumentsFor(std::vector<const ModelInputs*>{&inputs}); }

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

  at::Tensor logitsOf(const c10::Dict<std::string, at::Tensor>& outputs, int64_t batch = 1) const {
    const int64_t classes = static_cast<int64_t>(info_.answers.size());
    if (!outputs.contains("logits")) {
      throw AvqaError(info_.file, "output has no \"logits\" (required, shape [" + std::to_string(batch) + "," + std::to_string(classes) + "])");
    }
    expectShape(outputs, "logits", {batch, classes});
    return outputs.at("logits");
  }

  Prediction run(const ModelInputs& inputs) { return std::move(run(std::vector<const ModelInputs*>{&inputs}).front()); }

  // One forward for the batch; every output's shape checked for all rows, then split by row.
  std::vector<Prediction> run(const std::vector<const ModelInputs*>& batch) {
    const int64_t b = static_cast<int64_t>(batch.size());
    const int64_t t = batch.front()->steps;
    const int64_t classes = static_cast<int64_t>(info_.answers.size());
    const std::vector<torch::jit::IValue> arguments = argumentsFor(batch);
    const int64_t question_length = info_.question.input == QuestionInput::Tokens ? arguments[3].toTensor().size(1) : 0;
    const c10::Dict<std::string, at::Tensor> outputs = forwardOutputs(arguments);
    const at::Tensor probabilities = torch::softmax(logitsOf(outputs, b).to(torch::kFloat), 1);
    const int64_t patches = info_.patches ? batch.front()->patch_count : -1;
    for (const char* key : {"temporal", "temporal_selected"}) {
      if (outputs.contains(key)) expectShape(outputs, key, {b, t});
    }
    for (const char* key : {"spatial", "sound_spatial"}) {
      if (outputs.contains(key)) expectShape(outputs, key, {b, t, patches});
    }
    for (const char* key : {"logits_audio", "logits_visual"}) {
      if (outputs.contains(key)) expectShape(outputs, key, {b, classes});
    }
    for (const char* key : {"tokens", "tokens_audio", "tokens_visual"}) {
      if (!outputs.contains(key)) continue;
      if (info_.question.input != QuestionInput::Tokens) throw AvqaError(info_.file, std::string("output \"") + key + "\" needs a token question");
      expectShape(outputs, key, {b, question_length});
    }
    std::vector<Prediction> predictions(batch.size());
    for (int64_t row = 0; row < b; ++row) {
      Prediction& prediction = predictions[static_cast<std::size_t>(row)];
      prediction.answers = info_.answers;
      if (info_.patches) {
        prediction.grid = info_.patches->grid;
        prediction.crop = info_.patches->crop;
      }
      prediction.probabilities = detail::toFloatVector(probabilities[row]);
      if (outputs.contains("temporal")) prediction.temporal = detail::toFloatVector(outputs.at("temporal")[row]);
      if (outputs.contains("temporal_selected")) prediction.temporal_selected = detail::toFloatVector(outputs.at("temporal_selected")[row]);
      for (const char* key : {"spatial", "sound_spatial"}) {
        if (!outputs.contains(key)) continue;
        const at::Tensor map = outputs.at(key)[row];
        Matrix matrix{static_cast<std::size_t>(t), static_cast<std::size_t>(map.size(1)), detail::toFloatVector(map)};
        (std::string(key) == "spatial" ? prediction.spatial : prediction.sound_spatial) = std::move(matrix);
      }
      for (const auto& [key, name] : {std::pair<const char*, const char*>{"logits_audio", "audio"}, {"logits_visual", "visual"}}) {
        if (outputs.contains(key)) prediction.path_probs[name] = detail::toFloatVector(torch::softmax(outputs.at(key)[row].to(torch::kFloat), 0));
      }
      const std::size_t own_length = batch[static_cast<std::size_t>(row)]->question_tokens.size();
      for (const auto& [key, name] : {std::pair<const char*, const char*>{"tokens", "question"}, {"tokens_audio", "audio"},
                                      {"tokens_visual", "visual"}}) {
        if (!outputs.contains(key)) continue;
        std::vector<float> weights = detail::toFloatVector(outputs.at(key)[row]);
        weights.resize(own_length);  // the padding added for the batch is not the question's
        prediction.tokens[name] = std::move(weights);
      }
    }
    return predictions;
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

}  // namespace avqa
