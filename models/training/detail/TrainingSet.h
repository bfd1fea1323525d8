#pragma once

// Internal to avqa_models (includes torch): a dataset folder as tensors for training.

#include <torch/torch.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "builtin/BuiltinConfig.h"
#include "common/CancelToken.h"
#include "training/Trainer.h"

namespace avqa::training {

// A rate's rhythm label, on a log scale since "more rhythmic" is a ratio of rates: 1, 2, 4, 8
// notes per second -> 0.25 .. 1 (0 stays "no label").
inline double rhythmLabel(double notes_per_second) { return (1.0 + std::log2(notes_per_second)) / 4.0; }

// Every video of the train and validation splits, sampled at the model's steps exactly as
// inference samples them, with the generator's labels per step.
struct VideoSet {
  std::vector<std::string> ids;
  int64_t train_videos = 0;  // ids[0, train_videos) are training videos, the rest validation
  at::Tensor frames;         // [V,T,3,S,S] uint8
  at::Tensor log_mel;        // [V,T,1,96,64] float, as the audio encoder takes it
  at::Tensor padded;         // [V,T] bool
  at::Tensor patch_labels;   // [V,T,M] int64: 0 background, 1 + instrument index
  at::Tensor visible;        // [V,T,22] float 0/1
  at::Tensor sounding;       // [V,T,22] float 0/1
  at::Tensor loudness;       // [V,T,22] float, scaled dB where sounding
  at::Tensor rhythm;         // [V,T,22] float, (1 + log2(notes per second)) / 4 where sounding and known, else 0
  bool has_labels = false;   // groundtruth.json was there
};

constexpr int64_t kLastOnset = -1;

struct QuestionSet {
  at::Tensor video;   // [N] int64 index into VideoSet
  at::Tensor tokens;  // [N,L] int64
  at::Tensor answer;  // [N] int64 index into the answer list
  at::Tensor named;   // [N,22] float 0/1: the instruments the question names (its templ_values)
  // [N] int64: which instrument to come in the question asks about (its templ_values): 1 the
  // first, 2 the second, ... 5 the fifth, kLastOnset the last; 0 none.
  at::Tensor onset_rank;
  int64_t size() const { return video.defined() ? video.size(0) : 0; }
};

struct TrainingSet {
  VideoSet videos;
  QuestionSet train, val;
  std::vector<std::string> vocab;    // "<pad>", "<unk>", then the training words
  std::vector<std::string> answers;  // sorted
  int max_len = 0;
};

struct Vocabulary {
  std::vector<std::string> words;
  std::vector<std::string> answers;
  int max_len = 0;
};

enum class MediaDecoding { Decode, Skip };

// `fixed`: the vocabulary and answers of a model being resumed (else built from the train
// split). `max_videos` > 0 keeps that many videos of each split (for tests). With
// MediaDecoding::Skip only the ids and questions are read (the features come from a cache).
TrainingSet loadTrainingSet(const std::string& data_dir, const BuiltinConfig& config, const Vocabulary* fixed, int max_videos,
                            MediaDecoding media, QuestionAugmentation augmentation, const CancelToken& cancel,
                            const std::function<void(double)>& progress);

}  // namespace avqa::training
