#include "PstpNet.h"

namespace avqa::builtin {

PstpNet::PstpNet(const BuiltinConfig& config) : config_(config) {
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
  segment_in_ = register_module("segment_in", torch::nn::Linear(2 * d, d));
  tssm_query_ = register_module("tssm_query", torch::nn::Linear(d, d));
  srsm_query_ = register_module("srsm_query", torch::nn::Linear(d, config.patch_dim));
  avam_query_ = register_module("avam_query", soundToPatchQuery(config.audio_dim, config.patch_dim));
  visual_fuse_ = register_module("visual_fuse", torch::nn::Linear(3 * d, d));
  perception_audio_ = register_module("perception_audio", torch::nn::Linear(d, d));
  perception_visual_ = register_module("perception_visual", torch::nn::Linear(d, d));
  fuse_ = register_module("fuse", torch::nn::Linear(registerEvidenceWordQueries(*this, config, answer_words_audio_, answer_words_visual_), d));
  hidden_ = register_module("hidden", torch::nn::Linear(2 * d, d));
  classify_ = register_module("classify", torch::nn::Linear(d, config.classes));
}

HeadOutputs PstpNet::forward(const HeadInputs& inputs) {
  HeadOutputs out;
  const int64_t batch = inputs.question.size(0);
  const int64_t t = config_.time_steps;
  const int64_t segments = config_.segments;
  const int64_t segment_len = t / segments;
  const int64_t top_k = config_.top_k_segments;
  const int64_t selected = top_k * segment_len;
  const int64_t m = config_.patchCount();
  const int64_t top_m = config_.top_m_patches;
  const int64_t dp = config_.patch_dim;

  // What depends on the video alone is computed once per video the inputs hold [V,...]; the
  // questions take it with perQuestion, or gather their kept steps straight from it.
  const at::Tensor video_audio = audio_in_->forward(inputs.audio);    // [V,T,D]
  const at::Tensor video_visual = visual_in_->forward(inputs.visual);  // [V,T,D]
  const at::Tensor segment = torch::cat({video_audio, video_visual}, -1).view({video_audio.size(0), segments, segment_len, -1}).mean(2);
  const at::Tensor segment_keys = perQuestion(inputs, torch::relu(segment_in_->forward(segment)));  // [B,K,D]
  const at::Tensor audio = perQuestion(inputs, video_audio);    // [B,T,D]
  const at::Tensor visual = perQuestion(inputs, video_visual);  // [B,T,D]
  const QuestionEncoding question = question_->forward(inputs.question);
  const at::Tensor q = question.sentence;  // [B,D]

  // TSSM: the question weighs K segments; each sample keeps its own top-k, in time order.
  const at::Tensor segment_weights = attentionWeights(tssm_query_->forward(q), segment_keys);
  const at::Tensor top_segments = std::get<0>(torch::sort(std::get<1>(segment_weights.topk(top_k, 1)), 1));  // [B,k]
  out.temporal = segment_weights.repeat_interleave(segment_len, 1);
  out.temporal_selected = torch::zeros_like(segment_weights).scatter(1, top_segments, 1.0).repeat_interleave(segment_len, 1);
  const at::Tensor step_index =
      (top_segments.unsqueeze(2) * segment_len + torch::arange(segment_len, top_segments.options())).view({batch, selected});
  const auto gather_steps = [&](const at::Tensor& values) {
    std::vector<int64_t> shape = values.sizes().vec();
    shape[1] = selected;
    at::Tensor index = step_index;
    for (int64_t i = 2; i < values.dim(); ++i) index = index.unsqueeze(-1);
    return values.gather(1, index.expand(shape));
  };
  // The same from a per-video tensor [V,T,...]: each question's kept steps of its own video,
  // without first copying every step of the video per question.
  const at::Tensor video_row = inputs.video_of_question.defined() ? inputs.video_of_question : torch::arange(batch, step_index.options());
  const auto gather_video_steps = [&](const at::Tensor& values) {
    const at::Tensor rows = (video_row.unsqueeze(1) * t + step_index).flatten();  // [B*S] into [V*T]
    std::vector<int64_t> shape = values.sizes().vec();
    shape.erase(shape.begin());
    shape[0] = selected;
    shape.insert(shape.begin(), batch);
    return values.flatten(0, 1).index_select(0, rows).view(shape);
  };
  // The kept steps carry their segment's weight (x K: uniform weights leave them as they were),
  // so the answer loss reaches TSSM.
  const at::Tensor step_weight = segment_weights.gather(1, top_segments).repeat_interleave(segment_len, 1).unsqueeze(-1) *
                                 static_cast<double>(segments);
  const at::Tensor audio_kept = gather_steps(audio) * step_weight;       // [B,S,D]
  const at::Tensor visual_kept = gather_steps(visual) * step_weight;     // [B,S,D]
  // Only the kept steps' patches are touched from here on; they stay in patch space (queries
  // are mapped into it, pooled results projected out).
  const at::Tensor patches_kept = gather_video_steps(patchCodesOf(inputs)) + patch_position_;  // [B,S,M,Dp]

  // SRSM: the question weighs each selected frame's patches (W_gamma); keep the top-m.
  const at::Tensor gamma = attentionWeights(srsm_query_->forward(q).unsqueeze(1), patches_kept);  // [B,S,M]
  const at::Tensor top_patches = std::get<1>(gamma.topk(top_m, -1));                              // [B,S,m]
  const at::Tensor regions = patches_kept.gather(2, top_patches.unsqueeze(-1).expand({batch, selected, top_m, dp}));
  const at::Tensor region_weights = gamma.gather(2, top_patches);
  const at::Tensor visual_question = patch_out_->forward(weightedSum(region_weights / region_weights.sum(-1, true), regions));  // [B,S,D]

  // AVAM: each kept step's sound attends over its kept regions.
  const at::Tensor sound_query = avam_query_->forward(gather_video_steps(normalizeCodes(inputs.audio)));  // [B,S,Dp]
  const at::Tensor alpha = attentionWeights(sound_query, regions);                                    // [B,S,m]
  const at::Tensor visual_sound = patch_out_->forward(weightedSum(alpha, regions));
  const at::Tensor visual_steps = torch::relu(visual_fuse_->forward(torch::cat({visual_kept, visual_question, visual_sound}, -1)));

  // Question-guided perception: pool the kept audio and visual steps for the fusion.
  const at::Tensor audio_pool = multiHeadPool(perception_audio_->forward(q), audio_kept, kAttentionHeads).pooled;
  // With layout bands each kept visual step is one key per band, so the question picks the
  // band ("the instrument on the left") as it picks the second (as AVST's temporal attention).
  at::Tensor visual_keys = visual_steps;
  if (config_.layout_columns > 0) {
    const at::Tensor bands = layout_in_->forward(gather_video_steps(layoutBandsOf(inputs, config_.grid, config_.layout_columns))) + column_position_;
    visual_keys = keysPerBand(visual_steps, bands);  // [B,S*K,D]
  }
  const at::Tensor visual_pool = multiHeadPool(perception_visual_->forward(q), visual_keys, kAttentionHeads).pooled;
  std::vector<at::Tensor> evidence{audio_pool, visual_pool};
  if (config_.answer_reading == AnswerReading::EvidenceWords) {
    readEvidenceWords(answer_words_audio_, answer_words_visual_, audio_pool, visual_pool, question, evidence, out);
  }
  const at::Tensor fused = torch::tanh(fuse_->forward(torch::cat(evidence, -1)));
  out.logits = classifyAnswer(torch::cat({fused * q, fused}, -1), hidden_, classify_, is_training(), inputs);

  // Readouts on the full [B,T,M] grid: zero rows for the steps the model did not look at.
  const at::Tensor rows = step_index.unsqueeze(-1).expand({batch, selected, m});
  // Grounding (GroundingLoss) trains SRSM's query, not the question encoding the answer needs
  // (as AV-Unified's spatial query): in training the map is SRSM's weights from the question
  // cut from the graph. Before the layout bands and the evidence words, holding SRSM on the
  // named instrument dropped the neighbour and the slot the answer needs (tried); left alone
  // after them it drifted below uniform (question pointing 0.24). In training the sound map
  // weighs every patch of the kept steps, so AVAM's query learns where the sound is.
  const at::Tensor srsm_map = is_training() ? attentionWeights(srsm_query_->forward(q.detach()).unsqueeze(1), patches_kept) : gamma;
  out.spatial = torch::zeros({batch, t, m}, gamma.options()).scatter(1, rows, srsm_map);
  const at::Tensor sound_kept =
      is_training() ? attentionWeights(sound_query, patches_kept)
                    : torch::zeros_like(gamma).scatter(2, top_patches, alpha);
  out.sound_spatial = torch::zeros({batch, t, m}, gamma.options()).scatter(1, rows, sound_kept);
  return out;
}

}  // namespace avqa::builtin
