#include "AvUnifiedNet.h"

#include <cmath>

namespace avqa::builtin {

AvUnifiedNet::AvUnifiedNet(const BuiltinConfig& config) : config_(config) {
  const int d = config.model_dim;
  audio_in_ = register_module("audio_in", inputProjection(config.audio_dim, d));
  visual_in_ = register_module("visual_in", inputProjection(config.visual_dim, d));
  patch_out_ = register_module("patch_out", inputProjection(config.patch_dim, d));
  audio_as_patch_ = register_module("audio_as_patch", torch::nn::Linear(d, config.patch_dim));
  patch_position_ = register_parameter("patch_position", torch::randn({config.patchCount(), config.patch_dim}) * 0.02);
  step_position_ = register_parameter("step_position", torch::randn({config.time_steps, d}) * 0.02);
  modality_ = register_parameter("modality", torch::randn({2, d}) * 0.02);
  question_ = register_module("question", QuestionEncoder(config.vocab_size, d));
  sound_query_ = register_module("sound_query", soundToPatchQuery(config.audio_dim, config.patch_dim));
  spatial_query_ = register_module("spatial_query", torch::nn::Linear(d, config.patch_dim));
  visual_fuse_ = register_module("visual_fuse", torch::nn::Linear(3 * d, d));
  window_query_ = register_module("window_query", torch::nn::ModuleList());
  window_key_ = register_module("window_key", torch::nn::ModuleList());
  window_value_ = register_module("window_value", torch::nn::ModuleList());
  for (std::size_t i = 0; i < config.windows.size(); ++i) {
    window_query_->push_back(torch::nn::Linear(d, d));
    window_key_->push_back(torch::nn::Linear(d, d));
    window_value_->push_back(torch::nn::Linear(d, d));
  }
  window_norm_ = register_module("window_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({d})));
  task_prompt_ = register_parameter("task_prompt", torch::randn({d}) * 0.02);
  prompt_from_question_ = register_module("prompt_from_question", torch::nn::Linear(d, d));
  fuse_ = register_module("fuse", torch::nn::Linear(registerEvidenceWordQueries(*this, config, answer_words_audio_, answer_words_visual_), d));
  hidden_ = register_module("hidden", torch::nn::Linear(2 * d, d));
  classify_ = register_module("classify", torch::nn::Linear(d, config.classes));
}

HeadOutputs AvUnifiedNet::forward(const HeadInputs& inputs) {
  HeadOutputs out;
  const int64_t t = config_.time_steps;
  const int64_t m = config_.patchCount();
  const double scale = 1.0 / std::sqrt(static_cast<double>(config_.model_dim));
  // What depends on the video alone (projections, the sound's map and its pooled patches) is
  // computed once per video the inputs hold [V,...]; perQuestion hands it to the questions.
  const at::Tensor video_audio = audio_in_->forward(inputs.audio);  // [V,T,D]
  const at::Tensor video_codes = patchCodesOf(inputs);              // [V,T,M,Dp]
  const PositionedPatches video_patches(video_codes, patch_position_);
  const at::Tensor sound_map = video_patches.attention(sound_query_->forward(normalizeCodes(inputs.audio)));  // [V,T,M]
  const at::Tensor sound_pooled = patch_out_->forward(video_patches.pool(sound_map));                        // [V,T,D]
  const at::Tensor audio = perQuestion(inputs, video_audio);                                                // [B,T,D]
  const at::Tensor visual = perQuestion(inputs, visual_in_->forward(inputs.visual));                        // [B,T,D]
  const PositionedPatches patches(perQuestion(inputs, video_codes), patch_position_);  // queries map into patch space
  const QuestionEncoding question = question_->forward(inputs.question);
  const at::Tensor q = question.sentence;

  // Cross-modal spatial perception; the question also weighs the step's audio, as a key in
  // patch space next to the patches.
  out.sound_spatial = perQuestion(inputs, sound_map);                            // [B,T,M]
  const at::Tensor audio_key = perQuestion(inputs, audio_as_patch_->forward(video_audio));  // [B,T,Dp]
  const auto spatial_perception = [&](const at::Tensor& question_query) {  // [B,1,Dp] -> W_SPM [B,T,M+1]
    const at::Tensor audio_logit = (audio_key * question_query).sum(-1, true) / std::sqrt(static_cast<double>(config_.patch_dim));
    return torch::softmax(torch::cat({patches.logits(question_query), audio_logit}, -1), -1);
  };
  const at::Tensor spm = spatial_perception(spatial_query_->forward(q).unsqueeze(1));
  const at::Tensor question_pooled = patches.pool(spm.narrow(2, 0, m)) + spm.narrow(2, m, 1) * audio_key;
  // The readout trains (GroundingLoss) the spatial query, not the question encoding the answer needs.
  out.spatial = is_training() ? spatial_perception(spatial_query_->forward(q.detach()).unsqueeze(1)).narrow(2, 0, m) : spm.narrow(2, 0, m);
  const at::Tensor visual_steps = torch::relu(visual_fuse_->forward(
      torch::cat({visual, perQuestion(inputs, sound_pooled), patch_out_->forward(question_pooled)}, -1)));

  // Multi-scale window temporal perception over the 2T tokens.
  const at::Tensor tokens = torch::cat({audio + modality_[0], visual_steps + modality_[1]}, 1) + step_position_.repeat({2, 1});
  const at::Tensor step_of_token = torch::arange(t, torch::TensorOptions().device(audio.device())).repeat({2});
  at::Tensor perceived = torch::zeros_like(tokens);
  for (std::size_t i = 0; i < config_.windows.size(); ++i) {
    const at::Tensor window = torch::div(step_of_token, config_.windows[i], "floor");
    const at::Tensor same_window = window.unsqueeze(0).eq(window.unsqueeze(1));  // [2T,2T]
    const at::Tensor scores = torch::matmul(window_query_[i]->as<torch::nn::Linear>()->forward(tokens),
                                            window_key_[i]->as<torch::nn::Linear>()->forward(tokens).transpose(1, 2)) * scale;
    perceived = perceived + torch::matmul(maskedSoftmax(scores, same_window.unsqueeze(0), -1),
                                          window_value_[i]->as<torch::nn::Linear>()->forward(tokens));
  }
  const at::Tensor temporal_tokens = window_norm_->forward(tokens + perceived / static_cast<double>(config_.windows.size()));

  // Task-prompt guided learning: the prompt re-weights every token.
  const at::Tensor prompt = task_prompt_ + prompt_from_question_->forward(q);
  const PooledAttention reweighted = multiHeadPool(prompt, temporal_tokens, kAttentionHeads);  // weights [B,2T]
  out.temporal = reweighted.weights.narrow(1, 0, t) + reweighted.weights.narrow(1, t, t);
  std::vector<at::Tensor> evidence{reweighted.pooled, q};
  if (config_.answer_reading == AnswerReading::EvidenceWords) {
    // Each half of the prompt's weighing, as pooled audio and visual evidence.
    const auto half = [&](int64_t start) {
      const at::Tensor weights = reweighted.weights.narrow(1, start, t);
      return weightedSum(weights / weights.sum(1, true).clamp_min(1e-12), temporal_tokens.narrow(1, start, t));
    };
    readEvidenceWords(answer_words_audio_, answer_words_visual_, half(0), half(t), question, evidence, out);
  }
  const at::Tensor fused = torch::tanh(fuse_->forward(torch::cat(evidence, -1)));
  out.logits = classifyAnswer(torch::cat({fused * q, fused}, -1), hidden_, classify_, is_training(), inputs);
  return out;
}

}  // namespace avqa::builtin
