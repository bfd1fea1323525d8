#pragma once

// AVST, the MUSIC-AVQA baseline (Li et al., CVPR 2022): audio-guided spatial grounding of
// each frame's patches, question-guided temporal attention over audio and grounded visual
// steps, and a fused answer. Readouts: `sound_spatial` (the grounding), `temporal`.
// With `layout_columns` the question's visual attention also reads what stands where (see
// BuiltinConfig): the pooled frame code does not say which instrument is on the left. Its
// weight on each band is then the `spatial` readout, a column map as AV-Master's. With
// AnswerReading::EvidenceWords the pooled audio and visual evidence each pick question words
// for the answer (readouts `tokens` audio and visual).

#include "HeadNet.h"

namespace avqa::builtin {

class AvstNet : public HeadNet {
 public:
  explicit AvstNet(const BuiltinConfig& config);
  HeadOutputs forward(const HeadInputs& inputs) override;

 private:
  BuiltinConfig config_;
  torch::nn::Sequential audio_in_{nullptr}, visual_in_{nullptr}, patch_out_{nullptr}, layout_in_{nullptr};
  at::Tensor patch_position_, column_position_;
  QuestionEncoder question_{nullptr};
  torch::nn::Linear ground_query_{nullptr}, ground_fuse_{nullptr};
  torch::nn::Linear temporal_query_audio_{nullptr}, temporal_query_visual_{nullptr};
  torch::nn::Linear answer_words_audio_{nullptr}, answer_words_visual_{nullptr};  // AnswerReading::EvidenceWords
  torch::nn::Linear fuse_{nullptr}, hidden_{nullptr}, classify_{nullptr};
  torch::nn::Sequential match_{nullptr};
};

}  // namespace avqa::builtin
