#pragma once

// PSTP-Net (Li et al., ACM MM 2023), progressive spatio-temporal perception: TSSM picks the
// top-k temporal segments the question needs, SRSM the top-m patches of each selected frame,
// AVAM lets each selected step's sound attend over the kept patches, and the question-guided
// perception (LGPM) pools what remains for the fused answer. Selection is per sample, and
// every module's output reaches the fusion (the public code gets both wrong).
// Readouts: `temporal` (segment weights per step), `temporal_selected`, `spatial` (SRSM
// weights on selected steps), `sound_spatial` (AVAM weights on the kept patches).
// With `layout_columns` the question's perception of the kept visual steps also reads what
// stands where (see BuiltinConfig), one key per step and band.

#include "HeadNet.h"

namespace avqa::builtin {

class PstpNet : public HeadNet {
 public:
  explicit PstpNet(const BuiltinConfig& config);
  HeadOutputs forward(const HeadInputs& inputs) override;

 private:
  BuiltinConfig config_;
  torch::nn::Sequential audio_in_{nullptr}, visual_in_{nullptr}, patch_out_{nullptr}, layout_in_{nullptr};
  at::Tensor patch_position_, column_position_;
  QuestionEncoder question_{nullptr};
  torch::nn::Linear segment_in_{nullptr}, tssm_query_{nullptr};
  torch::nn::Linear srsm_query_{nullptr}, avam_query_{nullptr}, visual_fuse_{nullptr};
  torch::nn::Linear perception_audio_{nullptr}, perception_visual_{nullptr};
  torch::nn::Linear answer_words_audio_{nullptr}, answer_words_visual_{nullptr};  // AnswerReading::EvidenceWords
  torch::nn::Linear fuse_{nullptr}, hidden_{nullptr}, classify_{nullptr};
};

}  // namespace avqa::builtin
