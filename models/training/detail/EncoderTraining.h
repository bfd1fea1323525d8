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
  double rhythm_order = 0.0;    // percent of validation pairs of instruments sounding in one step, one at
                                // least 1.5x the other's notes per second, that a linear probe on the audio
                                // code orders right (50 is chance)
};

enum class EncoderScope {
  AudioAndVisual,  // pretraining from scratch
  AudioOnly,       // refining a pretrained audio encoder; the visual one stays as it is
};

struct EncoderPretraining {
  int epochs = 4;
  int batch_size = 64;
  EncoderScope scope = EncoderScope::AudioAndVisual;
};

// One optimiser over the encoders in scope; each batch is a set of (video, step) pairs of the
// training videos. Besides the labels the encoders keep heads for (patches, visible and
// sounding instruments, loudness), a probe used only here teaches the audio code each sounding
// instrument's notes per second, so heads can compare rhythm. `progress(fraction, loss)`.
EncoderScores pretrainEncoders(builtin::BuiltinBundle& bundle, const VideoSet& videos, const EncoderPretraining& plan, std::mt19937& rng,
                               const CancelToken& cancel, const std::function<void(int epoch, double fraction, double loss)>& progress);

struct EncodedVideos {
  at::Tensor audio;    // [V,T,Da]
  at::Tensor visual;   // [V,T,Dv]
  at::Tensor patches;  // [V,T,M,Dp]
};

// The frozen encoders over every video, padded steps zeroed as inference zeroes them.
EncodedVideos encodeVideos(builtin::BuiltinBundle& bundle, const VideoSet& videos, const CancelToken& cancel);

}  // namespace avqa::training
