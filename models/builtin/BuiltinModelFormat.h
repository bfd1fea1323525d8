#pragma once

#include <string>
#include <vector>

#include "BuiltinConfig.h"

namespace avqa {

// The built-in model file: magic, then two length-prefixed blocks (metadata JSON, weights).
inline constexpr char kBuiltinModelMagic[] = "AVQA-LENS-MODEL\n";
inline constexpr const char* kBuiltinModelFormat = "avqa-builtin/1";

struct BuiltinModelBlocks {
  std::string metadata;  // JSON
  std::string weights;   // LibTorch archive
};

// Splits a built-in model file into its blocks; refuses, naming the file, one that lacks the
// magic, is truncated or has bytes after its last block.
BuiltinModelBlocks readBuiltinModelBlocks(const std::string& path);
// The file's bytes for two blocks: what readBuiltinModelBlocks splits apart.
std::string joinBuiltinModelBlocks(const BuiltinModelBlocks& blocks);

// What a built-in model file's metadata block declares: checked for consistency before any
// weights are allocated, so a damaged or hostile file is refused with a message.
struct BuiltinModelHeader {
  std::string name;
  BuiltinConfig config;
  std::vector<std::string> answers;
  std::vector<std::string> vocab;  // index 0 "<pad>", 1 "<unk>"
  std::string training_json;       // provenance: command, seed, epochs, accuracy, time
  // Lowercase hex SHA-256 of the weights block; empty in files from before it. Without it a
  // damaged byte inside a tensor loads as a wrong weight and nothing says so.
  std::string weights_sha256;
};

// Parses and validates the metadata block; throws AvqaError naming `path` and the problem.
BuiltinModelHeader parseBuiltinModelHeader(const std::string& metadata_json, const std::string& path);

// Throws AvqaError naming `path` when the header records a digest the weights do not have.
void checkWeightsDigest(const BuiltinModelHeader& header, const std::string& weights, const std::string& path);

std::string configToJsonText(const BuiltinConfig& config);
BuiltinConfig configFromJson(const std::string& json_text);  // throws on missing keys

}  // namespace avqa
