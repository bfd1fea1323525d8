#include "ModelMetadata.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/AvqaError.h"
#include "common/FileHash.h"
#include "common/JsonIntegers.h"

namespace avqa {
namespace {

template <typename T>
T required(const nlohmann::json& object, const char* key, const std::string& path, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) throw AvqaError(path, "avqa.json: " + where + " lacks \"" + key + "\"");
  try {
    if constexpr (std::is_same_v<T, int>) {
      return jsonInteger<int>(object.at(key));
    } else if constexpr (std::is_same_v<T, std::vector<int>>) {
      return jsonIntegers<int>(object.at(key));
    } else {
      return object.at(key).get<T>();
    }
  } catch (const nlohmann::json::exception&) {
    throw AvqaError(path, "avqa.json: \"" + std::string(key) + "\" in " + where + " has the wrong type");
  }
}

// avqa-model/2's sampling fields of one feature (all optional).
template <typename Spec>
void readSampling(const nlohmann::json& spec, const std::string& where, const std::string& path, Spec& result) {
  try {
    result.extractor = spec.value("extractor", std::string());
    result.rows_per_s = spec.value("rows_per_s", 1.0);
    result.min_rows = jsonIntegerOr<int>(spec, "min_rows", 0);
  } catch (const nlohmann::json::exception&) {
    throw AvqaError(path, "avqa.json: " + where + " has an extractor, rows_per_s or min_rows of the wrong type");
  }
  if (result.rows_per_s <= 0 || result.min_rows < 0) {
    throw AvqaError(path, "avqa.json: " + where + ".rows_per_s must be positive and min_rows not negative");
  }
}

FeatureSpec featureSpec(const nlohmann::json& features, const char* name, const std::string& path) {
  const nlohmann::json& spec = features.contains(name) ? features.at(name) : nlohmann::json();
  const std::string where = std::string("features.") + name;
  FeatureSpec result{required<int>(spec, "dim", path, where), required<std::string>(spec, "kind", path, where)};
  if (result.dim <= 0) throw AvqaError(path, "avqa.json: " + where + ".dim must be positive");
  readSampling(spec, where, path, result);
  return result;
}

}  // namespace

ModelInfo parseModelMetadata(const std::string& json_text, const std::string& model_path) {
  nlohmann::json meta;
  try {
    meta = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception& error) {
    throw AvqaError(model_path, std::string("avqa.json is not valid JSON: ") + error.what());
  }
  // Most fields get a message of their own (required<>); a value of an unexpected JSON type
  // anywhere else (an object where text belongs, found by fuzzing) is refused here.
  try {
    ModelInfo info;
    info.file = model_path;
    info.format = required<std::string>(meta, "format", model_path, "avqa.json");
    if (info.format != "avqa-model/1" && info.format != "avqa-model/2") {
      throw AvqaError(model_path, "avqa.json: format \"" + info.format + "\" is not one this version reads (avqa-model/1 or avqa-model/2)");
    }
    if (meta.contains("batch")) {
      if (!meta.at("batch").is_boolean()) throw AvqaError(model_path, "avqa.json: \"batch\" must be true or false");
      info.batch = meta.at("batch").get<bool>() ? BatchSupport::Batched : BatchSupport::SingleQuestion;
    }
    info.name = required<std::string>(meta, "name", model_path, "avqa.json");
    info.answers = required<std::vector<std::string>>(meta, "answers", model_path, "avqa.json");
    if (info.answers.empty()) throw AvqaError(model_path, "avqa.json: \"answers\" is empty");
    info.time_steps = required<int>(meta, "time_steps", model_path, "avqa.json");
    info.stride_s = required<double>(meta, "stride_s", model_path, "avqa.json");
    if (info.time_steps <= 0 || info.stride_s <= 0) throw AvqaError(model_path, "avqa.json: time_steps and stride_s must be positive");
    const nlohmann::json question = meta.value("question", nlohmann::json());
    const std::string kind = required<std::string>(question, "kind", model_path, "question");
    if (kind == "tokens") {
      info.question.input = QuestionInput::Tokens;
      info.question.vocab = required<std::vector<std::string>>(question, "vocab", model_path, "question");
      if (info.question.vocab.empty() || info.question.vocab.front() != "<pad>") {
        throw AvqaError(model_path, "avqa.json: question.vocab must start with \"<pad>\" (index 0)");
      }
      info.question.max_len = required<int>(question, "max_len", model_path, "question");
      info.question.lowercase = question.value("lowercase", false);
      if (info.question.max_len <= 0) throw AvqaError(model_path, "avqa.json: question.max_len must be positive");
      info.question.vocab_sha256 = question.value("vocab_sha256", std::string());
      if (!info.question.vocab_sha256.empty()) {
        // The SHA-256 of the vocabulary as compact UTF-8 JSON: a vocabulary edited or re-ordered
        // after export no longer lines up with the model's embedding rows.
        const std::string actual = sha256OfText(nlohmann::json(info.question.vocab).dump());
        if (actual != info.question.vocab_sha256) {
          throw AvqaError(model_path, "avqa.json: question.vocab does not match its vocab_sha256 (expected " +
                                          info.question.vocab_sha256 + ", computed " + actual + ")");
        }
      }
    } else if (kind == "features") {
      info.question.input = QuestionInput::Features;
      info.question.dim = required<int>(question, "dim", model_path, "question");
      info.question.feature_kind = question.value("feature_kind", std::string("question"));
    } else {
      throw AvqaError(model_path, "avqa.json: question.kind must be \"tokens\" or \"features\"");
    }
    const nlohmann::json features = meta.value("features", nlohmann::json::object());
    info.audio = featureSpec(features, "audio", model_path);
    info.visual = featureSpec(features, "visual", model_path);
    if (features.contains("patches")) {
      const nlohmann::json& spec = features.at("patches");
      PatchSpec patches{required<int>(spec, "dim", model_path, "features.patches"),
                        required<std::vector<int>>(spec, "grid", model_path, "features.patches"),
                        required<std::string>(spec, "crop", model_path, "features.patches"),
                        required<std::string>(spec, "kind", model_path, "features.patches")};
      readSampling(spec, "features.patches", model_path, patches);
      if (patches.grid.size() != 2 || patches.grid[0] <= 0 || patches.grid[1] <= 0) {
        throw AvqaError(model_path, "avqa.json: features.patches.grid must be [gh, gw]");
      }
      if (patches.crop != "center-square" && patches.crop != "full-frame") {
        throw AvqaError(model_path, "avqa.json: features.patches.crop must be \"center-square\" or \"full-frame\"");
      }
      info.patches = patches;
    }
    if (meta.contains("encoders")) {
      const std::filesystem::path folder = std::filesystem::path(model_path).parent_path();
      for (const auto& [role, file] : meta.at("encoders").items()) {
        if (role != "audio" && role != "visual") throw AvqaError(model_path, "avqa.json: unknown encoder \"" + role + "\"");
        info.encoders[role] = (folder / file.get<std::string>()).string();
      }
    }
    return info;
  } catch (const nlohmann::json::exception& error) {
    throw AvqaError(model_path, std::string("avqa.json: a field has the wrong type (") + error.what() + ")");
  }
}

}  // namespace avqa
