#pragma once

// Random inputs for a built-in head's configuration (internal header: includes torch).

#include "builtin/detail/HeadNet.h"

namespace avqa::test {

// `batch` samples from `seed`; each question ends in two pads (positions 5 and 6).
inline builtin::HeadInputs randomHeadInputs(const BuiltinConfig& config, int64_t batch, uint64_t seed) {
  torch::manual_seed(seed);
  builtin::HeadInputs inputs;
  inputs.audio = torch::randn({batch, config.time_steps, config.audio_dim});
  inputs.visual = torch::randn({batch, config.time_steps, config.visual_dim});
  inputs.patches = torch::randn({batch, config.time_steps, config.patchCount(), config.patch_dim}) * 3.0;
  inputs.question = torch::randint(2, config.vocab_size, {batch, config.max_len}, torch::kLong);
  inputs.question.narrow(1, 5, 2).fill_(0);
  return inputs;
}

}  // namespace avqa::test
