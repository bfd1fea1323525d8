#include "TorchScriptEncoders.h"

#include <torch/script.h>

#include <nlohmann/json.hpp>

#include "common/AvqaError.h"
#include "common/JsonIntegers.h"
#include "detail/TensorConversion.h"
#include "detail/TorchGuard.h"
#include "media/PatchGeometry.h"

namespace avqa {
namespace {

struct EncoderFile {
  mutable torch::jit::Module module;  // forward() is not const in LibTorch
  nlohmann::json meta;
  std::string name;
};

EncoderFile loadEncoder(const std::string& path, const std::string& device) {
  torch::jit::ExtraFilesMap extra{{"avqa.json", ""}};
  EncoderFile file;
  try {
    file.module = torch::jit::load(path, torch::Device(device), extra);
  } catch (const c10::Error&) {
    throw AvqaError(path, "is not a TorchScript encoder LibTorch can load");
  }
  try {
    file.meta = nlohmann::json::parse(extra["avqa.json"]);
    if (file.meta.at("format").get<std::string>() != "avqa-encoder/1") throw AvqaError(path, "avqa.json: format must be \"avqa-encoder/1\"");
    file.name = file.meta.at("name").get<std::string>();
  } catch (const nlohmann::json::exception& error) {
    throw AvqaError(path, std::string("encoder avqa.json is missing or wrong: ") + error.what());
  }
  file.module.eval();
  return file;
}


}  // namespace

struct TorchScriptAudioEncoder::Impl {
  std::string path;
  std::string device;
  EncoderFile file;
  int dim = 0;
};

TorchScriptAudioEncoder::TorchScriptAudioEncoder(const std::string& path, const std::string& device)
    : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->device = device;
  impl_->file = loadEncoder(path, device);
  impl_->dim = impl_->file.meta.value("output", nlohmann::json::object()).value("dim", 0);
  if (impl_->dim <= 0) throw AvqaError(path, "encoder avqa.json: output.dim must be positive");
}
TorchScriptAudioEncoder::~TorchScriptAudioEncoder() = default;
const std::string& TorchScriptAudioEncoder::name() const { return impl_->file.name; }
int TorchScriptAudioEncoder::dim() const { return impl_->dim; }

std::vector<float> TorchScriptAudioEncoder::encode(const std::vector<float>& examples, int count) const {
  return detail::guardedTorchCall(impl_->path, "the encoder", [&] {
    const at::Tensor input = torch::from_blob(const_cast<float*>(examples.data()), {count, 1, 96, 64}, torch::kFloat).clone().to(impl_->device);
    const at::Tensor output = impl_->file.module.forward({input}).toTensor();
    if (output.dim() != 2 || output.size(0) != count || output.size(1) != impl_->dim) {
      throw AvqaError(impl_->path, "encoder output must be [N," + std::to_string(impl_->dim) + "]");
    }
    return detail::toFloatVector(output);
  });
}

struct TorchScriptVisualEncoder::Impl {
  std::string path;
  std::string device;
  EncoderFile file;
  int dim = 0;
  int patch_dim = 0;
  std::vector<int> grid;
  int height = 224;
  int width = 224;
  std::vector<float> mean = {0.f, 0.f, 0.f};
  std::vector<float> std = {1.f, 1.f, 1.f};
  std::string crop = "full-frame";
};

TorchScriptVisualEncoder::TorchScriptVisualEncoder(const std::string& path, const std::string& device)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = path;
  m.device = device;
  m.file = loadEncoder(path, device);
  try {
    const nlohmann::json& output = m.file.meta.at("output");
    const nlohmann::json& input = m.file.meta.at("input");
    m.dim = jsonInteger<int>(output.at("dim"));
    m.patch_dim = jsonInteger<int>(output.at("patch_dim"));
    m.grid = jsonIntegers<int>(output.at("grid"));
    const std::vector<int> size = jsonIntegers<int>(input.at("size"));
    m.height = size.at(0);
    m.width = size.at(1);
    m.mean = input.value("mean", m.mean);
    m.std = input.value("std", m.std);
    m.crop = input.value("crop", m.crop);
  } catch (const nlohmann::json::exception& error) {
    throw AvqaError(path, std::string("encoder avqa.json is missing or wrong: ") + error.what());
  }
  if (m.grid.size() != 2 || m.mean.size() != 3 || m.std.size() != 3) {
    throw AvqaError(path, "encoder avqa.json: grid must be [gh, gw], mean and std three values");
  }
}
TorchScriptVisualEncoder::~TorchScriptVisualEncoder() = default;
const std::string& TorchScriptVisualEncoder::name() const { return impl_->file.name; }
int TorchScriptVisualEncoder::dim() const { return impl_->dim; }
int TorchScriptVisualEncoder::patchDim() const { return impl_->patch_dim; }
const std::vector<int>& TorchScriptVisualEncoder::grid() const { return impl_->grid; }
const std::string& TorchScriptVisualEncoder::crop() const { return impl_->crop; }

VisualEncoding TorchScriptVisualEncoder::encode(const std::vector<QImage>& frames) const {
  const Impl& m = *impl_;
  const int count = static_cast<int>(frames.size());
  std::vector<float> pixels(static_cast<std::size_t>(count) * 3 * static_cast<std::size_t>(m.height * m.width));
  for (int n = 0; n < count; ++n) {
    QImage frame = frames[static_cast<std::size_t>(n)];
    if (frame.isNull()) {  // a padded step: a black frame (its codes are zeroed afterwards)
      frame = QImage(m.width, m.height, QImage::Format_RGB32);
      frame.fill(Qt::black);
    }
    const QImage scaled = frame.copy(cropRegion(frame.size(), m.crop))
                              .scaled(m.width, m.height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                              .convertToFormat(QImage::Format_RGB32);
    float* out = pixels.data() + static_cast<std::size_t>(n) * 3 * static_cast<std::size_t>(m.height * m.width);
    for (int y = 0; y < m.height; ++y) {
      const QRgb* line = reinterpret_cast<const QRgb*>(scaled.constScanLine(y));
      for (int x = 0; x < m.width; ++x) {
        const float rgb[3] = {qRed(line[x]) / 255.0f, qGreen(line[x]) / 255.0f, qBlue(line[x]) / 255.0f};
        for (int c = 0; c < 3; ++c) {
          out[(static_cast<std::size_t>(c) * m.height + static_cast<std::size_t>(y)) * m.width + static_cast<std::size_t>(x)] =
              (rgb[c] - m.mean[static_cast<std::size_t>(c)]) / m.std[static_cast<std::size_t>(c)];
        }
      }
    }
  }
  return detail::guardedTorchCall(m.path, "the encoder", [&] {
    const at::Tensor input = torch::from_blob(pixels.data(), {count, 3, m.height, m.width}, torch::kFloat).clone().to(m.device);
    const torch::jit::IValue output = m.file.module.forward({input});
    if (!output.isTuple() || output.toTuple()->elements().size() != 2) {
      throw AvqaError(m.path, "visual encoder must return (cls [N,D], patches [N,M,Dp])");
    }
    const at::Tensor cls = output.toTuple()->elements()[0].toTensor();
    const at::Tensor patches = output.toTuple()->elements()[1].toTensor();
    const int64_t expected_patches = static_cast<int64_t>(m.grid[0]) * m.grid[1];
    if (cls.dim() != 2 || cls.size(0) != count || cls.size(1) != m.dim || patches.dim() != 3 || patches.size(0) != count ||
        patches.size(1) != expected_patches || patches.size(2) != m.patch_dim) {
      throw AvqaError(m.path, "visual encoder outputs do not match its avqa.json (dim, grid, patch_dim)");
    }
    return VisualEncoding{detail::toFloatVector(cls), detail::toFloatVector(patches), static_cast<int>(expected_patches)};
  });
}

}  // namespace avqa
