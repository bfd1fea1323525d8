#pragma once

#include <string>

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

std::string configToJsonText(const BuiltinConfig& config);
BuiltinConfig configFromJson(const std::string& json_text);  // throws on missing keys

}  // namespace avqa
