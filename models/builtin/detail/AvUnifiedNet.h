#pragma once

// AV-Unified's AVQA branch (seed 004): audio and visual steps as 2T tokens; cross-modal
// spatial perception (the audio over each frame's patches; the question over patches plus
// the step's audio, W_SPM); multi-scale window temporal perception (self-attention inside
// windows of several sizes, averaged); task-prompt guided learning, a learnable AVQA prompt
// shifted by the question that re-weights all 2T tokens (it weighs, it does not select).
// Readouts: `temporal` (the prompt's weights, audio and visual halves summed per step),
// `spatial` (W_SPM without its audio column), `sound_spatial`.

#include "HeadNet.h"

namespace avqa::builtin {

class AvUnifiedNet : public HeadNet {
 public:
  explicit AvUnifiedNet(const BuiltinConfig& config);
  HeadOutputs forward(const HeadInputs& inputs) override;

 private:
  BuiltinConfig config_;
  torch::nn::Sequential audio_in_{nullptr}, visual_in_{nullptr}, patch_out_{nullptr};
  torch::nn::Linear audio_as_patch_{nullptr};
  at::Tensor patch_position_, step_position_, modality_;
  QuestionEncoder question_{nullptr};
  torch::nn::Linear sound_query_{nullptr}, spatial_query_{nullptr}, visual_fuse_{nullptr};
  torch::nn::ModuleList window_query_{nullptr}, window_key_{nullptr}, window_value_{nullptr};
  torch::nn::LayerNorm window_norm_{nullptr};
  at::Tensor task_prompt_;
  torch::nn::Linear prompt_from_question_{nullptr};
  torch::nn::Linear answer_words_audio_{nullptr}, answer_words_visual_{nullptr};  // AnswerReading::EvidenceWords
  torch::nn::Linear fuse_{nullptr}, hidden_{nullptr}, classify_{nullptr};
};

}  // namespace avqa::builtin
