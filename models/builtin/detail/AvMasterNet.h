#pragma once

// AV-Master (seed 001): frame-level features only. Dynamic adaptive focus sampling — learnable
// focus templates whose centres the question shifts by learned biases — biases a key-fusion
// self-attention over [question; fused audio+visual steps]; global preference activation runs
// an audio-preference and a visual-preference decoder, each reading the question words it
// needs, gated by the question; their predictions are summed; a dual-path contrastive loss
// ties the two paths of one sample together. Readouts: `temporal` (the question's attention
// inside the key-fusion block), `path_probs` (audio, visual), `tokens` (audio, visual) and,
// with layout bands, `spatial`: the visual decoder's weight on each band (a column map).
// With `layout_columns` the visual step also carries what stands where (see BuiltinConfig):
// the paper's CLIP CLS token has that, our mean-pooled frame code does not.

#include "HeadNet.h"

namespace avqa::builtin {

class AvMasterNet : public HeadNet {
 public:
  explicit AvMasterNet(const BuiltinConfig& config);
  HeadOutputs forward(const HeadInputs& inputs) override;

 private:
  BuiltinConfig config_;
  torch::nn::Sequential audio_in_{nullptr}, visual_in_{nullptr}, layout_in_{nullptr};
  at::Tensor column_position_;
  QuestionEncoder question_{nullptr};
  at::Tensor template_centres_, template_log_widths_;
  torch::nn::Linear focus_bias_{nullptr};
  torch::nn::LayerNorm key_norm_{nullptr}, fused_norm_{nullptr};
  torch::nn::Linear query_{nullptr}, key_{nullptr}, value_{nullptr};
  torch::nn::Linear word_query_audio_{nullptr}, word_query_visual_{nullptr};
  torch::nn::Linear decoder_query_audio_{nullptr}, decoder_query_visual_{nullptr};
  torch::nn::Linear decoder_out_audio_{nullptr}, decoder_out_visual_{nullptr};
  torch::nn::Linear preference_{nullptr};
  torch::nn::Linear classify_audio_{nullptr}, classify_visual_{nullptr};
  torch::nn::Linear contrast_audio_{nullptr}, contrast_visual_{nullptr};
};

}  // namespace avqa::builtin
