#pragma once

// Internal to avqa_models (includes torch): pretraining the built-in encoders on the
// generator's labels, and encoding a video set with them once they are frozen.

#include <torch/torch.h>

#include <functional>
#include <optional>
#include <random>

#include "TrainingSet.h"
#include "builtin/detail/BuiltinBundle.h"

namespace avqa::training {

struct EncoderScores {
  double patch_accuracy = 0.0;  // percent of validation patches named right (background included)
  double sound_accuracy = 0.0;  // percent of validation (step, instrument) sounding labels right
  double sound_pointing = 0.0;  // percent of validation steps with a visible sounding instrument whose
                                // audio code's best patch shows a sounding instrument
};

// One optimiser over both encoders; each batch is a set of (video, step) pairs of the
// training videos. `progress(fraction, loss)`.
EncoderScores pretrainEncoders(builtin::BuiltinBundle& bundle, const VideoSet& videos, int epochs, int batch_size, std::mt19937& rng,
                               const CancelToken& cancel, const std::function<void(int epoch, double fraction, double loss)>& progress);

struct EncodedVideos {
  at::Tensor audio;    // [V,T,Da]
  at::Tensor visual;   // [V,T,Dv]
  at::Tensor patches;  // [V,T,M,Dp]
};

// The frozen encoders over every video, padded steps zeroed as inference zeroes them.
EncodedVideos encodeVideos(builtin::BuiltinBundle& bundle, const VideoSet& videos, const CancelToken& cancel);

}  // namespace avqa::training
