#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "builtin/BuiltinConfig.h"
#include "common/CancelToken.h"

namespace avqa {

// Extra training questions made from the train split's own (never from validation).
enum class QuestionAugmentation {
  None,
  SwapComparisons,  // each comparison also asked the other way round (annotation/ComparisonSwap.h)
};

// How the head's training questions are drawn into batches.
enum class BatchGrouping {
  Shuffled,  // each question drawn on its own: a batch of 128 spans about 127 videos
  // The videos shuffled, each one's questions kept together: a batch of 128 spans about eight
  // videos, and a head computes what depends on the video alone once per video (AVST's
  // grounding, band keys and matching), not once per question.
  WholeVideos,
  // The videos shuffled, then each run of TrainOptions::videos_per_batch of them dealt out a
  // question at a time: a batch of 128 spans about that many videos, a few questions each. The
  // video's part is still computed once per video in the batch, over more videos a step.
  VideoShares,
};

// What a question's temporal curve is grounded on.
enum class TimeTarget {
  SoundingSteps,  // every step where a named instrument (else any) is heard
  // The same, except for a question about the first, n-th or last instrument to come in: the
  // one step where that instrument (among the named, else among all) is first heard. That is
  // the benchmark's evidence for those questions; every sounding step let a curve peak at the
  // first onset for "last" as well.
  OnsetForOrderQuestions,
};

// What the question-guided map of a question that names no instrument is grounded on, with
// a map grounding weight ("How many instruments are sounding?", "Where is the first
// sounding instrument?").
enum class UnnamedQuestionTarget {
  None,             // nothing: the answer alone places that map
  SoundingPatches,  // the patches of the instruments heard in each step, as the sound map's
};

struct TrainOptions {
  std::string data_dir;  // MUSIC-AVQA layout written by `avqa-lens synth`
  BuiltinArch arch = BuiltinArch::Pstp;
  std::string out_path;
  int epochs = 0;          // head epochs; 0: the default (30)
  int encoder_epochs = 0;  // encoder pretraining epochs; 0: the default (4)
  unsigned seed = 1;
  std::string resume_path;    // continue a model file: its encoders, vocabulary, answers and head
  // Take the frozen encoders (and their sizes) of this built-in model file, of any
  // architecture, instead of pretraining them: the shipped heads share one encoder pair.
  std::string encoders_path;
  // > 0 with encoders_path: the audio encoder taken from that file trains this many more epochs
  // on this dataset's labels (the visual encoder stays as it is) before it is frozen.
  int refine_audio_epochs = 0;
  // Keep the encoded features here, per encoder weights and dataset: the next head trained on
  // the same encoders neither decodes nor encodes the videos again. Empty: no cache.
  std::string feature_cache_dir;
  int batch_size = 64;
  BatchGrouping batch_grouping = BatchGrouping::Shuffled;
  int videos_per_batch = 32;  // with VideoShares
  // Threads the head's batches are split across, one core each (HeadStepper.h); 1: the whole
  // batch on the calling thread's torch threads. A run is deterministic for a seed and this count.
  int workers = 1;
  double learning_rate = 1e-3;
  // > 0: the spatial maps the head fills are also trained toward the frozen encoders' labels
  // (GroundingLoss.h) with this weight; 0: the answer alone trains them.
  double grounding_weight = 0.0;
  // > 0: the temporal curve is also trained, with this weight, to put half its mass on the
  // seconds where the frozen audio encoder hears an instrument the question names (any
  // instrument when it names none); 0: the answer alone shapes the curve.
  double time_grounding_weight = 0.0;
  TimeTarget time_target = TimeTarget::SoundingSteps;  // what the curve is grounded on, with a weight
  UnnamedQuestionTarget unnamed_target = UnnamedQuestionTarget::None;
  // SwapComparisons: every training comparison is also asked the other way round with the
  // answer flipped, so the head must read which instrument is named first.
  QuestionAugmentation augmentation = QuestionAugmentation::None;
  int max_videos = 0;  // 0: every video of the train and validation splits (tests use a few)
  // > 0: the head learns from the questions of the first N training videos only, the
  // validation split whole (a learning curve from one feature cache).
  int train_videos = 0;
  std::optional<BuiltinConfig> config;  // sizes; default BuiltinConfig::demoScale(arch)
  std::string command_line;             // recorded in the model file
};

struct TrainProgress {
  std::string stage;  // "decoding", "encoders", "features", "head"
  int epoch = 0;
  int epochs = 0;
  double fraction = 0.0;  // of the stage
  double loss = 0.0;
  std::optional<double> val_accuracy;  // percent
  double elapsed_s = 0.0;
  double remaining_s = 0.0;  // of the stage, estimated
};

struct TrainSummary {
  int train_questions = 0;
  int val_questions = 0;
  int videos = 0;
  double best_val_accuracy = 0.0;  // percent
  int best_epoch = 0;
  std::vector<double> epoch_losses;  // head, mean per epoch
  std::optional<double> encoder_patch_accuracy;  // val frames' patches, percent
  std::optional<double> encoder_sound_accuracy;  // val steps' sounding instruments, percent (per label)
  std::optional<double> encoder_sound_pointing;  // val steps: the audio code's best patch shows what sounds, percent
  std::optional<double> encoder_rhythm_order;    // val pairs of sounding instruments ordered by notes per second, percent
  double seconds = 0.0;
  double head_seconds = 0.0;  // the head's epochs alone (what the shipped models' budget counts)
  bool features_from_cache = false;
  int skipped_steps = 0;  // head steps left out: their loss or gradient was not finite
};

// Trains a built-in model on a dataset folder (train split; the validation split picks the
// best epoch) and writes it as one model file: encoders pretrained on the generator's labels
// (which instrument each patch shows, which instruments each second sounds and how loud) and
// frozen, then the architecture's head on the questions. Uses the calling thread's torch
// threads; deterministic for a seed and thread count.
TrainSummary trainBuiltinModel(const TrainOptions& options, const CancelToken& cancel,
                               const std::function<void(const TrainProgress&)>& progress);

}  // namespace avqa
