#pragma once

// Internal to avqa_models (includes torch): what every built-in AVQA head takes and gives.

#include <torch/torch.h>

#include <memory>

#include "builtin/BuiltinConfig.h"

namespace avqa::builtin {

struct HeadInputs {
  at::Tensor audio;     // [B,T,Da]
  at::Tensor visual;    // [B,T,Dv]
  at::Tensor patches;   // [B,T,M,Dp]
  at::Tensor question;  // [B,L] int64 token ids, 0 = <pad>
};

// A head's answer and its readouts; a tensor the architecture does not have stays undefined.
struct HeadOutputs {
  at::Tensor logits;             // [B,C]
  at::Tensor temporal;           // [B,T]
  at::Tensor temporal_selected;  // [B,T] 0/1
  at::Tensor spatial;            // [B,T,M] question-guided
  at::Tensor sound_spatial;      // [B,T,M] audio-guided
  at::Tensor logits_audio;       // [B,C]
  at::Tensor logits_visual;      // [B,C]
  at::Tensor tokens_audio;       // [B,L]
  at::Tensor tokens_visual;      // [B,L]
  at::Tensor aux_loss;           // scalar: the paper's extra training loss, in training only
};

class HeadNet : public torch::nn::Module {
 public:
  virtual HeadOutputs forward(const HeadInputs& inputs) = 0;
};

std::shared_ptr<HeadNet> makeHead(const BuiltinConfig& config);

// Word embeddings + LSTM over the question (the MUSIC-AVQA baselines' question encoder).
struct QuestionEncoding {
  at::Tensor words;     // [B,L,D]
  at::Tensor mask;      // [B,L] bool, true for real words
  at::Tensor sentence;  // [B,D]
};

class QuestionEncoderImpl : public torch::nn::Module {
 public:
  QuestionEncoderImpl(int vocab_size, int dim);
  QuestionEncoding forward(const at::Tensor& tokens);

 private:
  torch::nn::Embedding embedding_{nullptr};
  torch::nn::LSTM lstm_{nullptr};
  torch::nn::Linear out_{nullptr};
};
TORCH_MODULE(QuestionEncoder);

// Softmax over `dim` where `mask` is true; masked entries get weight 0.
at::Tensor maskedSoftmax(const at::Tensor& scores, const at::Tensor& mask, int64_t dim);

// Scaled dot-product weights of one query per row over keys: query [..., D], keys [..., N, D]
// -> [..., N], a softmax over N.
at::Tensor attentionWeights(const at::Tensor& query, const at::Tensor& keys);

// sum_n weights[..., n] * values[..., n, :]
at::Tensor weightedSum(const at::Tensor& weights, const at::Tensor& values);

// Projects per-step inputs to the head width with a ReLU (the papers' input FC layers).
torch::nn::Sequential inputProjection(int in_dim, int out_dim);

}  // namespace avqa::builtin
