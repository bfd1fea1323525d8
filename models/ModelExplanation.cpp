#include "ModelExplanation.h"

#include <chrono>

namespace avqa {
namespace {

std::string shapeText(std::initializer_list<long> dims) {
  std::string text = "[";
  bool first = true;
  for (long dim : dims) {
    text += (first ? "" : ",") + std::to_string(dim);
    first = false;
  }
  return text + "]";
}

template <typename Spec>
nlohmann::ordered_json samplingJson(const Spec& spec, const ModelInfo& info) {
  const int needed = spec.min_rows > 0 ? spec.min_rows
                                       : static_cast<int>(info.time_steps * info.stride_s * spec.rows_per_s + 0.5);
  return {{"kind", spec.kind}, {"dim", spec.dim}, {"extractor", spec.extractor}, {"rows_per_s", spec.rows_per_s}, {"rows_needed", needed}};
}

}  // namespace

ModelInputs zeroInputs(const ModelInfo& info) {
  const long t = info.time_steps;
  const long m = info.patches ? static_cast<long>(info.patches->grid[0]) * info.patches->grid[1] : 0;
  ModelInputs inputs;
  inputs.steps = static_cast<int>(t);
  inputs.audio.assign(static_cast<std::size_t>(t * info.audio.dim), 0.0f);
  inputs.visual.assign(static_cast<std::size_t>(t * info.visual.dim), 0.0f);
  if (info.patches) {
    inputs.patch_count = static_cast<int>(m);
    inputs.patches.assign(static_cast<std::size_t>(t * m * info.patches->dim), 0.0f);
  }
  const bool tokens = info.question.input == QuestionInput::Tokens;
  if (tokens) {
    inputs.question_tokens.assign(static_cast<std::size_t>(info.question.max_len), 0);
    inputs.question_tokens.front() = info.question.vocab.size() > 1 ? 1 : 0;
  } else {
    inputs.question_features.assign(static_cast<std::size_t>(info.question.dim), 0.0f);
  }
  return inputs;
}

ModelExplanation explainModel(AvqaModel& model) {
  const ModelInfo& info = model.info();
  const long t = info.time_steps;
  const bool tokens = info.question.input == QuestionInput::Tokens;
  const ModelInputs inputs = zeroInputs(info);
  const auto started = std::chrono::steady_clock::now();
  const Prediction p = model.predict(inputs, CancelToken());
  const double forward_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();

  ModelExplanation out;
  nlohmann::ordered_json& j = out.json;
  j["model"] = info.name;
  j["file"] = info.file;
  j["format"] = info.format;
  j["device"] = model.deviceName();
  j["answers"] = info.answers.size();
  j["time_steps"] = info.time_steps;
  j["stride_s"] = info.stride_s;
  j["batch"] = info.batch == BatchSupport::Batched;
  j["takes"]["audio"] = samplingJson(info.audio, info);
  j["takes"]["visual"] = samplingJson(info.visual, info);
  if (info.patches) {
    j["takes"]["patches"] = samplingJson(*info.patches, info);
    j["takes"]["patches"]["grid"] = info.patches->grid;
    j["takes"]["patches"]["crop"] = info.patches->crop;
  }
  if (tokens) {
    j["takes"]["question"] = {{"kind", "tokens"}, {"vocab_words", info.question.vocab.size()}, {"max_len", info.question.max_len},
                              {"lowercase", info.question.lowercase}, {"vocab_sha256", info.question.vocab_sha256}};
  } else {
    j["takes"]["question"] = {{"kind", "features"}, {"dim", info.question.dim}, {"feature_kind", info.question.feature_kind}};
  }
  j["encoders"] = info.encoders;
  nlohmann::ordered_json provides = nlohmann::ordered_json::object();
  const long c = static_cast<long>(info.answers.size());
  provides["logits"] = shapeText({1, c});
  if (p.temporal) provides["temporal"] = shapeText({1, t});
  if (p.temporal_selected) provides["temporal_selected"] = shapeText({1, t});
  if (p.spatial) provides["spatial"] = shapeText({1, t, static_cast<long>(p.spatial->cols)});
  if (p.sound_spatial) provides["sound_spatial"] = shapeText({1, t, static_cast<long>(p.sound_spatial->cols)});
  for (const auto& [path, probabilities] : p.path_probs) provides["logits_" + path] = shapeText({1, c});
  for (const auto& [name, weights] : p.tokens) {
    provides[name == "question" ? std::string("tokens") : "tokens_" + name] = shapeText({1, static_cast<long>(weights.size())});
  }
  j["provides"] = provides;
  j["forward_ms"] = forward_ms;

  std::string& text = out.text;
  text += "Model " + info.name + " (" + info.format + ", " + model.deviceName() + "): " + info.file + "\n";
  text += "Steps: T=" + std::to_string(info.time_steps) + " of " + nlohmann::json(info.stride_s).dump() + " s; " +
          std::to_string(info.answers.size()) + " answers; batch: " + (info.batch == BatchSupport::Batched ? "yes" : "no") + "\n";
  text += "Takes:\n";
  for (const auto& [role, spec] : j["takes"].items()) text += "  " + role + ": " + spec.dump() + "\n";
  if (info.encoders.empty()) {
    text += "Encoders: none; features come from a feature folder with these kinds:";
    for (const std::string& kind : info.featureKinds()) text += " " + kind;
    text += "\n";
  } else {
    for (const auto& [role, file] : info.encoders) text += "Encoder " + role + ": " + file + "\n";
  }
  text += "Provides:";
  for (const auto& [key, shape] : provides.items()) text += " " + key + " " + shape.get<std::string>();
  text += "\nLacks:";
  for (const char* key : {"temporal", "temporal_selected", "spatial", "sound_spatial"}) {
    if (!provides.contains(key)) text += std::string(" ") + key;
  }
  char timing[96];
  std::snprintf(timing, sizeof timing, "\nCheck: a forward on zero inputs passed every shape check (%.1f ms)\n", forward_ms);
  text += timing;
  return out;
}

}  // namespace avqa
