#include "AvstNet.h"

namespace avqa::builtin {

AvstNet::AvstNet(const BuiltinConfig& config) : config_(config) {
  const int d = config.model_dim;
  audio_in_ = register_module("audio_in", inputProjection(config.audio_dim, d));
  visual_in_ = register_module("visual_in", inputProjection(config.visual_dim, d));
  patch_out_ = register_module("patch_out", inputProjection(config.patch_dim, d));
  patch_position_ = register_parameter("patch_position", torch::randn({config.patchCount(), config.patch_dim}) * 0.02);
  question_ = register_module("question", QuestionEncoder(config.vocab_size, d));
  if (config.layout_columns > 0) {
    layout_in_ = register_module("layout_in", inputProjection(config.patch_dim, d));
    column_position_ = register_parameter("column_position", torch::randn({config.layout_columns, d}) * 0.02);
  }
  ground_query_ = register_module("ground_query", soundToPatchQuery(config.audio_dim, config.patch_dim));
  ground_fuse_ = register_module("ground_fuse", torch::nn::Linear(2 * d, d));
  temporal_query_audio_ = register_module("temporal_query_audio", torch::nn::Linear(d, d));
  temporal_query_visual_ = register_module("temporal_query_visual", torch::nn::Linear(d, d));
  fuse_ = register_module("fuse", torch::nn::Linear(registerEvidenceWordQueries(*this, config, answer_words_audio_, answer_words_visual_), d));
  hidden_ = register_module("hidden", torch::nn::Linear(2 * d, d));
  classify_ = register_module("classify", torch::nn::Linear(d, config.classes));
  match_ = register_module("match", torch::nn::Sequential(torch::nn::Linear(2 * d, d), torch::nn::ReLU(), torch::nn::Linear(d, 1)));
}

HeadOutputs AvstNet::forward(const HeadInputs& inputs) {
  HeadOutputs out;
  // What depends on the video alone (projections, grounding, band keys, matching) is computed
  // once per video the inputs hold: [V,...]; perQuestion hands it to the question rows [B,...].
  const at::Tensor video_audio = audio_in_->forward(inputs.audio);     // [V,T,D]
  const at::Tensor video_visual = visual_in_->forward(inputs.visual);  // [V,T,D]
  // Patches stay in their own space: queries are mapped to it and only pooled results are
  // projected, so no per-patch projection is computed (the same attention, far less work).
  const PositionedPatches patches(patchCodesOf(inputs), patch_position_);
  const QuestionEncoding question = question_->forward(inputs.question);

  // Spatial grounding: each step's sound looks over that frame's patches.
  const auto ground = [&](const at::Tensor& sound) {
    const at::Tensor weights = patches.attention(ground_query_->forward(sound));  // [V,T,M]
    return std::make_pair(weights, patch_out_->forward(patches.pool(weights)));
  };
  const at::Tensor sound = normalizeCodes(inputs.audio);
  const auto [sound_weights, grounded] = ground(sound);
  out.sound_spatial = perQuestion(inputs, sound_weights);
  const at::Tensor steps = torch::relu(ground_fuse_->forward(torch::cat({video_visual, grounded}, -1)));  // [V,T,D]

  // Temporal grounding: the question looks over the audio and the grounded visual steps. With
  // layout bands each visual step is one key per band, so the question picks the band ("the
  // instrument on the left") as it picks the second; the curve sums a step's bands.
  const at::Tensor q = question.sentence;
  const at::Tensor audio = perQuestion(inputs, video_audio);  // [B,T,D]
  const PooledAttention audio_pool = multiHeadPool(temporal_query_audio_->forward(q), audio, kAttentionHeads);
  at::Tensor visual_keys = steps;
  if (config_.layout_columns > 0) {
    const at::Tensor bands = layout_in_->forward(layoutBandsOf(inputs, config_.grid, config_.layout_columns)) + column_position_;
    visual_keys = keysPerBand(steps, bands);  // [V,T*K,D]
  }
  const int64_t t = steps.size(1);
  const PooledAttention visual_pool = multiHeadPool(temporal_query_visual_->forward(q), perQuestion(inputs, visual_keys), kAttentionHeads);
  const at::Tensor visual_weights = visual_pool.weights.view({q.size(0), t, -1}).sum(-1);  // [B,T]
  // Which band the question read, per step, is its question-guided map (AV-Master's band map);
  // map grounding trains the question's reading through it.
  if (config_.layout_columns > 0) out.spatial = bandMap(visual_pool.weights, t, config_.grid, config_.layout_columns);
  out.temporal = (audio_pool.weights + visual_weights) * 0.5;
  std::vector<at::Tensor> evidence{audio_pool.pooled, visual_pool.pooled};
  // Each modality's evidence picks the words it matches: the named instrument that was loud,
  // the one on the left that was seen.
  if (config_.answer_reading == AnswerReading::EvidenceWords) {
    readEvidenceWords(answer_words_audio_, answer_words_visual_, audio_pool.pooled, visual_pool.pooled, question, evidence, out);
  }
  const at::Tensor fused = torch::tanh(fuse_->forward(torch::cat(evidence, -1)));
  out.logits = classifyAnswer(torch::cat({fused * q, fused}, -1), hidden_, classify_, is_training(), inputs);

  // AVST's audio-visual matching: does this sound belong to this video? The negative pairs
  // take another video's audio, so grounding must find the instrument that sounds. Per video.
  if (is_training() && inputs.audio.size(0) > 1) {
    const at::Tensor other_audio = video_audio.roll(1, 0);
    const at::Tensor negative = ground(sound.roll(1, 0)).second;
    const at::Tensor positive_logit = match_->forward(torch::cat({video_audio, grounded}, -1));
    const at::Tensor negative_logit = match_->forward(torch::cat({other_audio, negative}, -1));
    out.aux_loss = torch::binary_cross_entropy_with_logits(positive_logit, torch::ones_like(positive_logit)) +
                   torch::binary_cross_entropy_with_logits(negative_logit, torch::zeros_like(negative_logit));
  }
  return out;
}

}  // namespace avqa::builtin
