#pragma once

#include <cstdint>
#include <vector>

namespace avqa {

// One question's inputs, batch of one, as plain arrays (the models layer makes tensors).
struct ModelInputs {
  int steps = 0;
  std::vector<float> audio;     // [T, Da]
  std::vector<float> visual;    // [T, Dv]
  std::vector<float> patches;   // [T, M, Dp]; empty when the model declares no patches
  int patch_count = 0;          // M
  std::vector<std::int64_t> question_tokens;  // [L], token ids
  std::vector<float> question_features;       // [Dq]
};

}  // namespace avqa
