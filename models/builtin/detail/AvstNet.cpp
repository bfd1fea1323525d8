#include "AvstNet.h"

namespace avqa::builtin {

AvstNet::AvstNet(const BuiltinConfig& config) : dim_(config.model_dim) {
  const int d = config.model_dim;
  audio_in_ = register_module("audio_in", inputProjection(config.audio_dim, d));
  visual_in_ = register_module("visual_in", inputProjection(config.visual_dim, d));
  patch_in_ = register_module("patch_in", inputProjection(config.patch_dim, d));
  patch_position_ = register_parameter("patch_position", torch::randn({config.patchCount(), d}) * 0.02);
  question_ = register_module("question", QuestionEncoder(config.vocab_size, d));
  ground_query_ = register_module("ground_query", torch::nn::Linear(d, d));
  ground_fuse_ = register_module("ground_fuse", torch::nn::Linear(2 * d, d));
  temporal_query_audio_ = register_module("temporal_query_audio", torch::nn::Linear(d, d));
  temporal_query_visual_ = register_module("temporal_query_visual", torch::nn::Linear(d, d));
  fuse_ = register_module("fuse", torch::nn::Linear(2 * d, d));
  hidden_ = register_module("hidden", torch::nn::Linear(d, d));
  classify_ = register_module("classify", torch::nn::Linear(d, config.classes));
  match_ = register_module("match", torch::nn::Sequential(torch::nn::Linear(2 * d, d), torch::nn::ReLU(), torch::nn::Linear(d, 1)));
}

HeadOutputs AvstNet::forward(const HeadInputs& inputs) {
  HeadOutputs out;
  const at::Tensor audio = audio_in_->forward(inputs.audio);                        // [B,T,D]
  const at::Tensor visual = visual_in_->forward(inputs.visual);                     // [B,T,D]
  const at::Tensor patches = patch_in_->forward(inputs.patches) + patch_position_;  // [B,T,M,D]
  const QuestionEncoding question = question_->forward(inputs.question);

  // Spatial grounding: each step's sound looks over that frame's patches.
  const auto ground = [&](const at::Tensor& sound) {
    const at::Tensor weights = attentionWeights(ground_query_->forward(sound), patches);  // [B,T,M]
    return std::make_pair(weights, weightedSum(weights, patches));
  };
  const auto [sound_weights, grounded] = ground(audio);
  out.sound_spatial = sound_weights;
  const at::Tensor steps = torch::relu(ground_fuse_->forward(torch::cat({visual, grounded}, -1)));

  // Temporal grounding: the question looks over the audio and the grounded visual steps.
  const at::Tensor q = question.sentence;
  const at::Tensor audio_weights = attentionWeights(temporal_query_audio_->forward(q), audio);  // [B,T]
  const at::Tensor visual_weights = attentionWeights(temporal_query_visual_->forward(q), steps);
  out.temporal = (audio_weights + visual_weights) * 0.5;
  const at::Tensor fused = torch::tanh(fuse_->forward(torch::cat({weightedSum(audio_weights, audio), weightedSum(visual_weights, steps)}, -1)));
  out.logits = classify_->forward(torch::relu(hidden_->forward(fused * q)));

  // AVST's audio-visual matching: does this sound belong to this video? The negative pairs
  // take another sample's audio, so grounding must find the instrument that sounds.
  if (is_training() && inputs.audio.size(0) > 1) {
    const at::Tensor other_audio = audio.roll(1, 0);
    const at::Tensor negative = ground(other_audio).second;
    const at::Tensor positive_logit = match_->forward(torch::cat({audio, grounded}, -1));
    const at::Tensor negative_logit = match_->forward(torch::cat({other_audio, negative}, -1));
    out.aux_loss = torch::binary_cross_entropy_with_logits(positive_logit, torch::ones_like(positive_logit)) +
                   torch::binary_cross_entropy_with_logits(negative_logit, torch::zeros_like(negative_logit));
  }
  return out;
}

}  // namespace avqa::builtin
