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
  // layoutBands(patches) when the caller has them already: training computes them once per
  // video, not once per batch (that was a sixth of an AV-Master epoch). Undefined: from patches.
  at::Tensor bands;     // [B,T,K,Dp]
  // normalizeCodes(patches), likewise computed once per video in training. Undefined: from patches.
  at::Tensor patch_codes;  // [B,T,M,Dp]
  // Video-grouped training: the media tensors above hold V videos, not one per question, and
  // this [B] int64 says which of them each question row asks about. A head computes what
  // depends on the video alone once per video and hands it to the questions with perQuestion.
  // Undefined: row b of the media is question b's video (inference, and shuffled training).
  at::Tensor video_of_question;
  // Where training's dropout masks come from. Each data-parallel worker has its own, so a run
  // does not depend on which thread draws first. Unset: torch's default generator, as always.
  c10::optional<at::Generator> dropout_generator;
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

// A frame's patch keys: the normalised codes plus a learnt position per patch. The position
// is applied on the query side, (c + p)·x = c·x + p·x, and to pooled values, so the
// [B,T,M,Dp] sum is never built (building it made a training step four times dearer).
class PositionedPatches {
 public:
  PositionedPatches(const at::Tensor& codes, const at::Tensor& position);  // patchCodesOf: [B,T,M,Dp], [M,Dp]
  at::Tensor logits(const at::Tensor& query) const;     // query [B,T|1,Dp] -> scaled scores [B,T,M]
  at::Tensor attention(const at::Tensor& query) const;  // the softmax of logits() over M
  at::Tensor pool(const at::Tensor& weights) const;     // [B,T,M] -> [B,T,Dp]

 private:
  at::Tensor codes_, position_;
  double scale_;
};

// Multi-head attention pooling (as the papers' nn.MultiheadAttention with one query): the
// query and keys are split into `heads` parts, each part a softmax over the N keys pooling its
// part of the keys. query [B,D], keys [B,N,D] -> pooled [B,D] and the heads' mean weights [B,N].
struct PooledAttention {
  at::Tensor pooled;
  at::Tensor weights;
};
PooledAttention multiHeadPool(const at::Tensor& query, const at::Tensor& keys, int64_t heads);

// The question's words as a query picks them: a masked softmax over the words of
// words · query / sqrt(D). query [B,D] -> [B,L]. With a query from a modality's pooled evidence
// this matches what was heard or seen with each word (AV-Master's decoders, AVST's answer).
at::Tensor wordsPickedBy(const QuestionEncoding& question, const at::Tensor& query);

// AnswerReading::EvidenceWords for heads that pool one audio and one visual evidence vector:
// each picks the question words it matches through its own query (a head registers them as
// "answer_words_audio" and "answer_words_visual"); the picks become the `tokens` readouts and
// the picked words join `evidence`, the fusion's input.
void readEvidenceWords(torch::nn::Linear& audio_query, torch::nn::Linear& visual_query, const at::Tensor& audio_evidence,
                       const at::Tensor& visual_evidence, const QuestionEncoding& question, std::vector<at::Tensor>& evidence,
                       HeadOutputs& out);

// The constructor's side of the above: registers the two queries when the config reads
// evidence words and returns the fusion's input width (the two pooled evidence vectors, and
// the two picked words when read). Registered before "fuse", so initialisation order is kept.
int64_t registerEvidenceWordQueries(torch::nn::Module& head, const BuiltinConfig& config, torch::nn::Linear& audio_query,
                                    torch::nn::Linear& visual_query);

// The answer classifier every head ends with: hidden layer, dropout in training. Heads give it
// the question-gated fusion and the fusion itself, so the evidence has a path to the answer
// that does not wait for the question encoder to learn first.
at::Tensor classifyAnswer(const at::Tensor& fused, torch::nn::Linear& hidden, torch::nn::Linear& classify, bool training,
                          const HeadInputs& inputs);

// Dropout in training, its mask drawn from the inputs' dropout generator when they carry one.
at::Tensor headDropout(const at::Tensor& values, double probability, bool training, const HeadInputs& inputs);

constexpr int64_t kAttentionHeads = 4;

// A per-video tensor [V,...] as one row per question [B,...] (itself when the inputs carry
// one video per question).
at::Tensor perQuestion(const HeadInputs& inputs, const at::Tensor& per_video);
// The inputs with one video per question row: for a head that computes nothing once per video.
HeadInputs mediaPerQuestion(const HeadInputs& inputs);

// Encoder codes normalised per vector (no learned scale: queries are learned instead).
at::Tensor normalizeCodes(const at::Tensor& codes);
// The inputs' precomputed patch codes, else normalizeCodes of their patches.
at::Tensor patchCodesOf(const HeadInputs& inputs);

// The query that lets a step's sound look over patches, from the normalised audio code into
// patch space. When the two codes have one size it starts as the identity: the built-in
// encoders are pretrained so that an audio code points at the patches of what sounds
// (EncoderTraining), and the head starts from that and refines it.
torch::nn::Linear soundToPatchQuery(int audio_dim, int patch_dim);

// What stands where in each frame: the normalised patch codes averaged down `columns`
// vertical bands, left to right. patches [B,T,grid*grid,Dp] -> [B,T,columns,Dp]. Bands side
// by side bind what to where with nothing to learn first (a learnt-query pool over positioned
// patches left "the leftmost instrument" at chance in AV-Master).
at::Tensor layoutBands(const at::Tensor& patches, int64_t grid, int64_t columns);
// The inputs' precomputed bands, else layoutBands of their patches.
at::Tensor layoutBandsOf(const HeadInputs& inputs, int64_t grid, int64_t columns);

// Each step's key once per layout band, the band's code added: steps [B,T,D] and projected
// bands [B,T,K,D] -> [B,T*K,D], step-major (what bandMap reads back).
at::Tensor keysPerBand(const at::Tensor& steps, const at::Tensor& bands);

// Attention over (step, band) keys [B,T*K] as a question-guided map [B,T,grid*grid]: each step's
// band shares (1 per step), each spread evenly down its band's patch columns. A band says which
// column the question read, not which row.
at::Tensor bandMap(const at::Tensor& key_weights, int64_t steps, int64_t grid, int64_t bands);

// Projects per-step inputs to the head width with a ReLU (the papers' input FC layers).
torch::nn::Sequential inputProjection(int in_dim, int out_dim);

}  // namespace avqa::builtin
