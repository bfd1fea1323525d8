#pragma once

#include "Prediction.h"
#include "analysis/Faithfulness.h"

namespace avqa {

// What the attention figures read from a prediction: its steps, temporal weights and patch
// maps on its grid, over a frame of `frame_width` x `frame_height` (as displayed).
// `eval`, stored runs and the window's verdict all go through this.
AttentionReadout predictionReadout(const Prediction& prediction, int frame_width, int frame_height);

}  // namespace avqa
