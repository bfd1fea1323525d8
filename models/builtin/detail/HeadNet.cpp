#include "HeadNet.h"

#include <cmath>

#include "AvMasterNet.h"
#include "AvUnifiedNet.h"
#include "AvstNet.h"
#include "PstpNet.h"

namespace avqa::builtin {

std::shared_ptr<HeadNet> makeHead(const BuiltinConfig& config) {
  switch (config.arch) {
    case BuiltinArch::Avst: return std::make_shared<AvstNet>(config);
    case BuiltinArch::Pstp: return std::make_shared<PstpNet>(config);
    case BuiltinArch::AvMaster: return std::make_shared<AvMasterNet>(config);
    case BuiltinArch::AvUnified: return std::make_shared<AvUnifiedNet>(config);
  }
  return nullptr;
}

QuestionEncoderImpl::QuestionEncoderImpl(int vocab_size, int dim) {
  embedding_ = register_module("embedding", torch::nn::Embedding(torch::nn::EmbeddingOptions(vocab_size, dim).padding_idx(0)));
  lstm_ = register_module("lstm", torch::nn::LSTM(torch::nn::LSTMOptions(dim, dim).batch_first(true)));
  out_ = register_module("out", torch::nn::Linear(dim, dim));
}

QuestionEncoding QuestionEncoderImpl::forward(const at::Tensor& tokens) {
  QuestionEncoding encoding;
  encoding.mask = tokens.ne(0);
  encoding.words = std::get<0>(lstm_->forward(embedding_->forward(tokens)));
  // The LSTM state after the last real word (padding comes after the words).
  const at::Tensor last = (encoding.mask.sum(1) - 1).clamp_min(0);
  const at::Tensor index = last.view({-1, 1, 1}).expand({-1, 1, encoding.words.size(2)});
  encoding.sentence = torch::tanh(out_->forward(encoding.words.gather(1, index).squeeze(1)));
  return encoding;
}

at::Tensor maskedSoftmax(const at::Tensor& scores, const at::Tensor& mask, int64_t dim) {
  return torch::softmax(scores.masked_fill(mask.logical_not(), -1e9), dim);
}

at::Tensor attentionWeights(const at::Tensor& query, const at::Tensor& keys) {
  const double scale = 1.0 / std::sqrt(static_cast<double>(keys.size(-1)));
  return torch::softmax(torch::matmul(keys, query.unsqueeze(-1)).squeeze(-1) * scale, -1);
}

at::Tensor weightedSum(const at::Tensor& weights, const at::Tensor& values) {
  return torch::matmul(weights.unsqueeze(-2), values).squeeze(-2);
}

PositionedPatches::PositionedPatches(const at::Tensor& codes, const at::Tensor& position)
    : codes_(codes), position_(position), scale_(1.0 / std::sqrt(static_cast<double>(codes.size(-1)))) {}

at::Tensor PositionedPatches::logits(const at::Tensor& query) const {
  return (torch::matmul(codes_, query.unsqueeze(-1)).squeeze(-1) + torch::matmul(query, position_.t())) * scale_;
}

at::Tensor PositionedPatches::attention(const at::Tensor& query) const { return torch::softmax(logits(query), -1); }

at::Tensor PositionedPatches::pool(const at::Tensor& weights) const {
  return weightedSum(weights, codes_) + torch::matmul(weights, position_);
}

at::Tensor wordsPickedBy(const QuestionEncoding& question, const at::Tensor& query) {
  const at::Tensor scores = torch::matmul(question.words, query.unsqueeze(-1)).squeeze(-1) / std::sqrt(static_cast<double>(query.size(-1)));
  return maskedSoftmax(scores, question.mask, 1);
}

void readEvidenceWords(torch::nn::Linear& audio_query, torch::nn::Linear& visual_query, const at::Tensor& audio_evidence,
                       const at::Tensor& visual_evidence, const QuestionEncoding& question, std::vector<at::Tensor>& evidence,
                       HeadOutputs& out) {
  out.tokens_audio = wordsPickedBy(question, audio_query->forward(audio_evidence));
  out.tokens_visual = wordsPickedBy(question, visual_query->forward(visual_evidence));
  evidence.push_back(weightedSum(out.tokens_audio, question.words));
  evidence.push_back(weightedSum(out.tokens_visual, question.words));
}

int64_t registerEvidenceWordQueries(torch::nn::Module& head, const BuiltinConfig& config, torch::nn::Linear& audio_query,
                                    torch::nn::Linear& visual_query) {
  const int64_t d = config.model_dim;
  if (config.answer_reading != AnswerReading::EvidenceWords) return 2 * d;
  audio_query = head.register_module("answer_words_audio", torch::nn::Linear(d, d));
  visual_query = head.register_module("answer_words_visual", torch::nn::Linear(d, d));
  return 4 * d;
}

PooledAttention multiHeadPool(const at::Tensor& query, const at::Tensor& keys, int64_t heads) {
  const int64_t batch = keys.size(0), count = keys.size(1), dim = keys.size(2);
  const at::Tensor q = query.view({batch, heads, 1, dim / heads});                     // [B,H,1,d]
  const at::Tensor k = keys.view({batch, count, heads, dim / heads}).transpose(1, 2);  // [B,H,N,d]
  const at::Tensor weights = torch::softmax(torch::matmul(k, q.transpose(2, 3)).squeeze(-1) / std::sqrt(static_cast<double>(dim / heads)), -1);
  return {torch::matmul(weights.unsqueeze(2), k).squeeze(2).reshape({batch, dim}), weights.mean(1)};
}

at::Tensor classifyAnswer(const at::Tensor& fused, torch::nn::Linear& hidden, torch::nn::Linear& classify, bool training,
                          const HeadInputs& inputs) {
  const at::Tensor h = torch::relu(hidden->forward(headDropout(fused, 0.1, training, inputs)));
  return classify->forward(headDropout(h, 0.2, training, inputs));
}

at::Tensor headDropout(const at::Tensor& values, double probability, bool training, const HeadInputs& inputs) {
  if (!inputs.dropout_generator) return torch::dropout(values, probability, training);
  if (!training || probability <= 0.0) return values;
  // What torch::dropout computes, with the mask from this generator.
  return values * at::empty_like(values).bernoulli_(1.0 - probability, inputs.dropout_generator).div_(1.0 - probability);
}

at::Tensor perQuestion(const HeadInputs& inputs, const at::Tensor& per_video) {
  return inputs.video_of_question.defined() ? per_video.index_select(0, inputs.video_of_question) : per_video;
}

HeadInputs mediaPerQuestion(const HeadInputs& inputs) {
  if (!inputs.video_of_question.defined()) return inputs;
  HeadInputs expanded = inputs;
  for (at::Tensor* media : {&expanded.audio, &expanded.visual, &expanded.patches, &expanded.bands, &expanded.patch_codes}) {
    if (media->defined()) *media = perQuestion(inputs, *media);
  }
  expanded.video_of_question = at::Tensor();
  return expanded;
}

at::Tensor normalizeCodes(const at::Tensor& codes) { return torch::layer_norm(codes, {codes.size(-1)}); }

at::Tensor patchCodesOf(const HeadInputs& inputs) {
  return inputs.patch_codes.defined() ? inputs.patch_codes : normalizeCodes(inputs.patches);
}

torch::nn::Linear soundToPatchQuery(int audio_dim, int patch_dim) {
  torch::nn::Linear query(torch::nn::LinearOptions(audio_dim, patch_dim).bias(false));
  if (audio_dim == patch_dim) {
    torch::NoGradGuard no_grad;
    query->weight.copy_(torch::eye(audio_dim));
  }
  return query;
}

at::Tensor layoutBands(const at::Tensor& patches, int64_t grid, int64_t columns) {
  const int64_t batch = patches.size(0), t = patches.size(1), dim = patches.size(-1);
  const at::Tensor maps = normalizeCodes(patches).view({batch * t, grid, grid, dim}).permute({0, 3, 1, 2});  // [BT,Dp,rows,cols]
  const at::Tensor bands = torch::adaptive_avg_pool2d(maps, {1, columns});                                     // [BT,Dp,1,K]
  return bands.squeeze(2).transpose(1, 2).reshape({batch, t, columns, dim});
}

at::Tensor layoutBandsOf(const HeadInputs& inputs, int64_t grid, int64_t columns) {
  return inputs.bands.defined() ? inputs.bands : layoutBands(inputs.patches, grid, columns);
}

at::Tensor keysPerBand(const at::Tensor& steps, const at::Tensor& bands) { return (steps.unsqueeze(2) + bands).flatten(1, 2); }

at::Tensor bandMap(const at::Tensor& key_weights, int64_t steps, int64_t grid, int64_t bands) {
  const at::Tensor per_step = key_weights.view({key_weights.size(0), steps, bands});
  const at::Tensor shares = per_step / per_step.sum(-1, true).clamp_min(1e-12);  // [B,T,K], 1 per step
  // Each patch column takes the band adaptive pooling put it in (the same as the band's index
  // when K equals the grid), its share spread evenly over the column's rows: the band says
  // which column, not which row.
  std::vector<int64_t> band_of_column(static_cast<std::size_t>(grid));
  for (int64_t c = 0; c < grid; ++c) band_of_column[static_cast<std::size_t>(c)] = c * bands / grid;
  const at::Tensor index = torch::tensor(band_of_column, torch::TensorOptions().dtype(torch::kLong).device(key_weights.device()));
  const at::Tensor columns = shares.index_select(2, index);                                  // [B,T,grid]
  const at::Tensor columns_per_band = torch::bincount(index, {}, bands).to(shares.dtype()).index_select(0, index);
  const at::Tensor patch_column = columns / (columns_per_band * static_cast<double>(grid));  // each patch's weight
  return patch_column.unsqueeze(2).expand({-1, -1, grid, -1}).reshape({key_weights.size(0), steps, grid * grid});
}

torch::nn::Sequential inputProjection(int in_dim, int out_dim) {
  // Encoder codes come at whatever scale their training left them; normalising them first
  // keeps attention logits tame and training from stalling on the question-only answer.
  return torch::nn::Sequential(torch::nn::LayerNorm(torch::nn::LayerNormOptions({in_dim})), torch::nn::Linear(in_dim, out_dim),
                               torch::nn::ReLU());
}

}  // namespace avqa::builtin
