#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "synthetic/SceneGenerator.h"

namespace avqa::synth {

enum class AnswerBalance { Balanced, Biased };

struct SynthOptions {
  std::string out_dir;
  int videos = 60;
  std::uint64_t seed = 1;
  AnswerBalance balance = AnswerBalance::Balanced;
  int questions_per_video = 20;
  std::string soundfont;  // empty: defaultSoundfontPath()
  int threads = 0;        // 0: every core
  SceneOptions scene;
};

struct SynthSummary {
  int videos = 0;
  int train_questions = 0;
  int val_questions = 0;
  int test_questions = 0;
};

// Called after each finished video with (done, total); returns false to cancel.
using SynthProgress = std::function<bool(int done, int total)>;

// Writes a synthetic benchmark in MUSIC-AVQA layout under options.out_dir:
// videos/{id}.mp4 (H.264 + AAC), avqa-{train,val,test}.json (split by video) and
// groundtruth.json. Videos are made in parallel, one per thread; the result depends only on
// the options (same seed, same files). Throws AvqaError for unwritable folders or a missing
// soundfont, UsageError for impossible options.
SynthSummary generateSynthDataset(const SynthOptions& options, const SynthProgress& progress);

}  // namespace avqa::synth
