#include "BuiltinBundle.h"

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "builtin/BuiltinModelFormat.h"
#include "common/AvqaError.h"
#include "common/FileHash.h"
#include "common/OutputFile.h"

namespace avqa::builtin {

BuiltinBundleImpl::BuiltinBundleImpl(const BuiltinConfig& config) {
  audio = register_module("audio", AudioEncoderNet(config));
  visual = register_module("visual", VisualEncoderNet(config));
  head = register_module("head", makeHead(config));
}

void writeBuiltinModelFile(const BuiltinModelData& model, const std::string& path) {
  nlohmann::ordered_json meta;
  meta["format"] = kBuiltinModelFormat;
  meta["name"] = model.name;
  meta["arch"] = builtinArchName(model.config.arch);
  meta["config"] = nlohmann::ordered_json::parse(configToJsonText(model.config));
  meta["answers"] = model.answers;
  meta["vocab"] = model.vocab;
  meta["training"] = model.training_json.empty() ? nlohmann::ordered_json::object() : nlohmann::ordered_json::parse(model.training_json);
  torch::serialize::OutputArchive archive;
  model.bundle->save(archive);
  std::ostringstream weights;
  archive.save_to(weights);
  meta["weights_sha256"] = sha256OfText(weights.str());
  writeFileAtomically(path, joinBuiltinModelBlocks({meta.dump(), weights.str()}));
}

BuiltinModelData readBuiltinModelFile(const std::string& path, const std::string& device) {
  const BuiltinModelBlocks blocks = readBuiltinModelBlocks(path);
  BuiltinModelData model;
  static_cast<BuiltinModelHeader&>(model) = parseBuiltinModelHeader(blocks.metadata, path);
  checkWeightsDigest(model, blocks.weights, path);
  model.bundle = BuiltinBundle(model.config);
  try {
    torch::serialize::InputArchive archive;
    std::istringstream weights(blocks.weights);
    archive.load_from(weights, torch::Device(torch::kCPU));
    model.bundle->load(archive);
  } catch (const c10::Error& error) {
    throw AvqaError(path, "the model's weights are damaged or do not match its configuration: " + std::string(error.what_without_backtrace()).substr(0, 200));
  }
  model.bundle->to(torch::Device(device));
  model.bundle->eval();
  return model;
}

ModelInfo modelInfoOf(const BuiltinModelData& model, const std::string& path) {
  const BuiltinConfig& config = model.config;
  ModelInfo info;
  info.name = model.name;
  info.file = path;
  info.answers = model.answers;
  info.time_steps = config.time_steps;
  info.stride_s = config.stride_s;
  info.question.input = QuestionInput::Tokens;
  info.question.vocab = model.vocab;
  info.question.max_len = config.max_len;
  info.audio = FeatureSpec{config.audio_dim, "avqa-builtin-audio"};
  info.visual = FeatureSpec{config.visual_dim, "avqa-builtin-visual"};
  if (config.readsPatches()) {  // AV-Master without layout bands reads frame-level features only
    info.patches = PatchSpec{config.patch_dim, {config.grid, config.grid}, "full-frame", "avqa-builtin-visual"};
  }
  info.encoders = {{"audio", path}, {"visual", path}};
  return info;
}

}  // namespace avqa::builtin
