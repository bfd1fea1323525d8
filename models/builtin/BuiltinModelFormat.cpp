#include "BuiltinModelFormat.h"

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "common/AvqaError.h"
#include "common/FileHash.h"
#include "common/InputFile.h"
#include "common/JsonIntegers.h"

namespace avqa {

BuiltinModelBlocks readBuiltinModelBlocks(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw AvqaError(path, "no such model file");
  const std::string bytes = readInputFile(path);
  const std::size_t magic = sizeof(kBuiltinModelMagic) - 1;
  if (bytes.size() < magic || std::memcmp(bytes.data(), kBuiltinModelMagic, magic) != 0) {
    throw AvqaError(path, "is not an AVQA Lens model file");
  }
  std::size_t offset = magic;
  const auto block = [&](const char* what) {
    if (bytes.size() - offset < 8) throw AvqaError(path, std::string("is truncated (no ") + what + " block)");
    uint64_t size = 0;
    for (int i = 0; i < 8; ++i) size |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[offset + i])) << (8 * i);
    offset += 8;
    if (bytes.size() - offset < size) {
      throw AvqaError(path, std::string("is truncated: its ") + what + " block needs " + std::to_string(size) + " bytes, " +
                                std::to_string(bytes.size() - offset) + " are left");
    }
    std::string text = bytes.substr(offset, size);
    offset += size;
    return text;
  };
  BuiltinModelBlocks blocks;
  blocks.metadata = block("metadata");
  blocks.weights = block("weights");
  if (offset != bytes.size()) throw AvqaError(path, "has " + std::to_string(bytes.size() - offset) + " unexpected bytes after its weights");
  return blocks;
}

std::string joinBuiltinModelBlocks(const BuiltinModelBlocks& blocks) {
  std::string bytes(kBuiltinModelMagic, sizeof(kBuiltinModelMagic) - 1);
  for (const std::string* block : {&blocks.metadata, &blocks.weights}) {
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<char>((static_cast<uint64_t>(block->size()) >> (8 * i)) & 0xff));
    bytes += *block;
  }
  return bytes;
}

std::string configToJsonText(const BuiltinConfig& config) {
  nlohmann::ordered_json json{{"arch", builtinArchName(config.arch)},
                              {"time_steps", config.time_steps},
                              {"stride_s", config.stride_s},
                              {"audio_dim", config.audio_dim},
                              {"visual_dim", config.visual_dim},
                              {"patch_dim", config.patch_dim},
                              {"grid", config.grid},
                              {"image_size", config.image_size},
                              {"model_dim", config.model_dim},
                              {"vocab_size", config.vocab_size},
                              {"max_len", config.max_len},
                              {"classes", config.classes},
                              {"segments", config.segments},
                              {"top_k_segments", config.top_k_segments},
                              {"top_m_patches", config.top_m_patches},
                              {"focus_templates", config.focus_templates},
                              {"windows", config.windows},
                              {"layout_columns", config.layout_columns},
                              {"answer_reading", answerReadingName(config.answer_reading)}};
  return json.dump();
}

BuiltinConfig configFromJson(const std::string& json_text) {
  const nlohmann::json json = nlohmann::json::parse(json_text);
  BuiltinConfig config;
  config.arch = parseBuiltinArch(json.at("arch").get<std::string>());
  config.time_steps = jsonInteger<int>(json.at("time_steps"));
  config.stride_s = json.at("stride_s").get<double>();
  config.audio_dim = jsonInteger<int>(json.at("audio_dim"));
  config.visual_dim = jsonInteger<int>(json.at("visual_dim"));
  config.patch_dim = jsonInteger<int>(json.at("patch_dim"));
  config.grid = jsonInteger<int>(json.at("grid"));
  config.image_size = jsonInteger<int>(json.at("image_size"));
  config.model_dim = jsonInteger<int>(json.at("model_dim"));
  config.vocab_size = jsonInteger<int>(json.at("vocab_size"));
  config.max_len = jsonInteger<int>(json.at("max_len"));
  config.classes = jsonInteger<int>(json.at("classes"));
  config.segments = jsonInteger<int>(json.at("segments"));
  config.top_k_segments = jsonInteger<int>(json.at("top_k_segments"));
  config.top_m_patches = jsonInteger<int>(json.at("top_m_patches"));
  config.focus_templates = jsonInteger<int>(json.at("focus_templates"));
  config.windows = jsonIntegers<int>(json.at("windows"));
  if (json.contains("layout_columns")) config.layout_columns = jsonInteger<int>(json.at("layout_columns"));  // absent before it existed
  if (json.contains("answer_reading")) config.answer_reading = parseAnswerReading(json.at("answer_reading").get<std::string>());  // likewise
  return config;
}

BuiltinModelHeader parseBuiltinModelHeader(const std::string& metadata_json, const std::string& path) {
  BuiltinModelHeader header;
  try {
    const nlohmann::json meta = nlohmann::json::parse(metadata_json);
    header.name = meta.at("name").get<std::string>();
    header.config = configFromJson(meta.at("config").dump());
    header.answers = meta.at("answers").get<std::vector<std::string>>();
    header.vocab = meta.at("vocab").get<std::vector<std::string>>();
    header.training_json = meta.value("training", nlohmann::json::object()).dump();
    header.weights_sha256 = meta.value("weights_sha256", std::string());
  } catch (const nlohmann::json::exception& error) {
    throw AvqaError(path, std::string("the model's metadata is damaged: ") + error.what());
  } catch (const UsageError& error) {
    throw AvqaError(path, std::string("the model's metadata is damaged: ") + error.what());
  }
  if (static_cast<int>(header.answers.size()) != header.config.classes ||
      static_cast<int>(header.vocab.size()) != header.config.vocab_size) {
    throw AvqaError(path, "the model's answer list or vocabulary does not match its configuration");
  }
  try {
    header.config.validate();
  } catch (const UsageError& error) {
    throw AvqaError(path, error.what());
  }
  return header;
}

void checkWeightsDigest(const BuiltinModelHeader& header, const std::string& weights, const std::string& path) {
  if (header.weights_sha256.empty()) return;  // written before files recorded it
  if (sha256OfText(weights) != header.weights_sha256) {
    throw AvqaError(path, "the model's weights are damaged: their SHA-256 is not the one the file records");
  }
}

}  // namespace avqa
