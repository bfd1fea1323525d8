#include "AvMasterNet.h"

#include <cmath>

namespace avqa::builtin {

AvMasterNet::AvMasterNet(const BuiltinConfig& config) : config_(config) {
  const int d = config.model_dim;
  const int n = config.focus_templates;
  audio_in_ = register_module("audio_in", inputProjection(config.audio_dim, d));
  visual_in_ = register_module("visual_in", inputProjection(config.visual_dim, d));
  question_ = register_module("question", QuestionEncoder(config.vocab_size, d));
  if (config.layout_columns > 0) {
    layout_in_ = register_module("layout_in", inputProjection(config.patch_dim, d));
    column_position_ = register_parameter("column_position", torch::randn({config.layout_columns, d}) * 0.02);
  }
  // Templates start spread over the clip (centres as logits of evenly spaced positions).
  const at::Tensor positions = (torch::arange(n, torch::kFloat) + 0.5) / n;
  template_centres_ = register_parameter("template_centres", torch::log(positions / (1 - positions)));
  template_log_widths_ = register_parameter("template_log_widths", torch::full({n}, std::log(0.5 / n)));
  focus_bias_ = register_module("focus_bias", torch::nn::Linear(d, 2 * n));
  key_norm_ = register_module("key_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({d})));
  fused_norm_ = register_module("fused_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({d})));
  query_ = register_module("query", torch::nn::Linear(d, d));
  key_ = register_module("key", torch::nn::Linear(d, d));
  value_ = register_module("value", torch::nn::Linear(d, d));
  word_query_audio_ = register_module("word_query_audio", torch::nn::Linear(d, d));
  word_query_visual_ = register_module("word_query_visual", torch::nn::Linear(d, d));
  decoder_query_audio_ = register_module("decoder_query_audio", torch::nn::Linear(2 * d, d));
  decoder_query_visual_ = register_module("decoder_query_visual", torch::nn::Linear(2 * d, d));
  decoder_out_audio_ = register_module("decoder_out_audio", torch::nn::Linear(2 * d, d));
  decoder_out_visual_ = register_module("decoder_out_visual", torch::nn::Linear(2 * d, d));
  preference_ = register_module("preference", torch::nn::Linear(d, 2));
  classify_audio_ = register_module("classify_audio", torch::nn::Linear(d, config.classes));
  classify_visual_ = register_module("classify_visual", torch::nn::Linear(d, config.classes));
  contrast_audio_ = register_module("contrast_audio", torch::nn::Linear(d, d));
  contrast_visual_ = register_module("contrast_visual", torch::nn::Linear(d, d));
}

HeadOutputs AvMasterNet::forward(const HeadInputs& grouped_inputs) {
  // Computes nothing once per video: each question row gets its video's media.
  const HeadInputs inputs = mediaPerQuestion(grouped_inputs);
  HeadOutputs out;
  const int64_t t = config_.time_steps;
  const int64_t n = config_.focus_templates;
  const at::Tensor audio = audio_in_->forward(inputs.audio);  // [B,T,D]
  const at::Tensor visual = visual_in_->forward(inputs.visual);  // [B,T,D]
  const QuestionEncoding question = question_->forward(inputs.question);
  const at::Tensor q = question.sentence;

  // Dynamic adaptive focus sampling: the question shifts each template's centre and width.
  const std::vector<at::Tensor> bias = focus_bias_->forward(q).chunk(2, -1);  // [B,n] x2
  const at::Tensor centres = torch::sigmoid(template_centres_ + torch::tanh(bias[0]) * 2.0).unsqueeze(-1);  // [B,n,1]
  const at::Tensor widths = torch::exp(template_log_widths_ + torch::tanh(bias[1])).clamp_min(0.5 / t).unsqueeze(-1);
  const at::Tensor times = ((torch::arange(t, audio.options()) + 0.5) / t).view({1, 1, t});
  const at::Tensor focus = torch::exp(-(times - centres).pow(2) / (2 * widths.pow(2))).sum(1) / static_cast<double>(n);  // [B,T]

  // Key-fusion self-attention over [question; audio+visual steps], biased by the focus.
  const at::Tensor tokens = torch::cat({q.unsqueeze(1), key_norm_->forward(audio + visual)}, 1);  // [B,1+T,D]
  at::Tensor scores = torch::matmul(query_->forward(tokens), key_->forward(tokens).transpose(1, 2)) /
                      std::sqrt(static_cast<double>(config_.model_dim));
  const at::Tensor focus_bias = torch::cat({torch::zeros_like(focus.narrow(1, 0, 1)), torch::log(focus + 1e-4)}, 1);
  const at::Tensor attention = torch::softmax(scores + focus_bias.unsqueeze(1), -1);  // [B,1+T,1+T]
  const at::Tensor fused = fused_norm_->forward(tokens + torch::matmul(attention, value_->forward(tokens)));
  const at::Tensor question_row = attention.select(1, 0).narrow(1, 1, t);
  // Clamped: when the question row puts all its weight on itself the steps' weights underflow
  // to 0, and 0/0 made a 22-epoch run's loss NaN.
  out.temporal = question_row / question_row.sum(1, true).clamp_min(1e-12);
  const at::Tensor context = fused.select(1, 0);  // the question after looking at the steps

  // Global preference activation: one decoder per modality, each reading its own words.
  const auto decode = [&](const at::Tensor& steps, const at::Tensor& bands, torch::nn::Linear& word_query,
                          torch::nn::Linear& decoder_query, torch::nn::Linear& decoder_out, at::Tensor& token_weights,
                          at::Tensor* key_weights) {
    const at::Tensor summary = weightedSum(out.temporal, steps);
    token_weights = wordsPickedBy(question, word_query->forward(summary));
    const at::Tensor words = weightedSum(token_weights, question.words);
    const at::Tensor query = decoder_query->forward(torch::cat({words, context}, -1));
    at::Tensor keys = steps + fused.narrow(1, 1, t);                                     // [B,T,D]
    if (bands.defined()) keys = keysPerBand(keys, bands);                            // [B,T*K,D]
    const PooledAttention read_attention = multiHeadPool(query, keys, kAttentionHeads);
    if (key_weights) *key_weights = read_attention.weights;
    return torch::tanh(decoder_out->forward(torch::cat({read_attention.pooled, words}, -1)));
  };
  const at::Tensor audio_path = decode(audio, at::Tensor(), word_query_audio_, decoder_query_audio_, decoder_out_audio_, out.tokens_audio,
                                       nullptr);
  // The layout joins the visual decoder only, as one key per step and band, so its query picks
  // the band as it picks the second. Added to the key-fusion tokens it drowned the audio there
  // ("Is there a voiceover?" fell from 98 to 84 % on validation).
  const at::Tensor bands = config_.layout_columns > 0 ? layout_in_->forward(layoutBandsOf(inputs, config_.grid, config_.layout_columns)) + column_position_ : at::Tensor();
  at::Tensor visual_key_weights;
  const at::Tensor visual_path = decode(visual, bands, word_query_visual_, decoder_query_visual_, decoder_out_visual_, out.tokens_visual,
                                        &visual_key_weights);
  // Where the visual decoder read, per step: its weight on each band, as a question-guided
  // map (map grounding, when asked for, trains the decoder's reading through it).
  if (bands.defined()) out.spatial = bandMap(visual_key_weights, t, config_.grid, config_.layout_columns);
  const at::Tensor preference = torch::softmax(preference_->forward(context), -1) * 2.0;  // [B,2], 1 each when even
  out.logits_audio = classify_audio_->forward(headDropout(audio_path * q * preference.narrow(1, 0, 1), 0.2, is_training(), inputs));
  out.logits_visual = classify_visual_->forward(headDropout(visual_path * q * preference.narrow(1, 1, 1), 0.2, is_training(), inputs));
  out.logits = out.logits_audio + out.logits_visual;

  // Dual-path contrastive loss: a sample's audio path matches its own visual path.
  if (is_training() && audio.size(0) > 1) {
    const at::Tensor za = torch::nn::functional::normalize(contrast_audio_->forward(audio_path),
                                                            torch::nn::functional::NormalizeFuncOptions().dim(1));
    const at::Tensor zv = torch::nn::functional::normalize(contrast_visual_->forward(visual_path),
                                                           torch::nn::functional::NormalizeFuncOptions().dim(1));
    const at::Tensor similarity = torch::matmul(za, zv.t()) / 0.1;
    const at::Tensor targets = torch::arange(audio.size(0), torch::TensorOptions().dtype(torch::kLong).device(audio.device()));
    out.aux_loss = (torch::nn::functional::cross_entropy(similarity, targets) + torch::nn::functional::cross_entropy(similarity.t(), targets)) * 0.5;
  }
  return out;
}

}  // namespace avqa::builtin
