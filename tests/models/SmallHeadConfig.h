#pragma once

// A built-in head's configuration shrunk so that tests run it in milliseconds.

#include <ostream>

#include "builtin/BuiltinConfig.h"

namespace avqa {
// gtest names an architecture parameter in test listings with this.
inline void PrintTo(BuiltinArch arch, std::ostream* out) { *out << builtinArchName(arch); }
}  // namespace avqa

namespace avqa::test {

inline BuiltinConfig smallHeadConfig(BuiltinArch arch) {
  BuiltinConfig config = BuiltinConfig::demoScale(arch);
  config.time_steps = 6;
  config.segments = 3;
  config.top_k_segments = 2;
  config.grid = 3;
  config.image_size = 24;
  config.top_m_patches = 4;
  config.audio_dim = 12;
  config.visual_dim = 10;
  config.patch_dim = 8;
  config.model_dim = 16;
  config.vocab_size = 20;
  config.max_len = 7;
  config.classes = 5;
  config.windows = {1, 2};
  if (config.layout_columns > 0) config.layout_columns = config.grid;
  config.validate();
  return config;
}

}  // namespace avqa::test
