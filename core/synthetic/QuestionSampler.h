#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dataset/QaRecord.h"
#include "synthetic/SceneQuestions.h"
#include "synthetic/SynthDataset.h"

namespace avqa::synth {

// A finished video before its questions are chosen.
struct VideoResult {
  Scene scene;
  std::vector<QuestionCandidate> candidates;
};

struct SampledQuestion {
  int video = 0;       // index into the video results
  std::string split;   // "train", "val" or "test"
  std::string modality;
  std::string question_type;
  QuestionCandidate candidate;

  QaRecord record(const std::string& question_id, const std::string& video_id) const;
};

struct SampledQuestions {
  std::vector<SampledQuestion> questions;  // grouped by split, videos in order
};

// "train" / "val" / "test" for each video: 70/15/15 by video, shuffled by seed.
std::vector<std::string> assignSplits(int videos, std::uint64_t seed);

// Chooses up to `per_video` questions per video. Balanced: inside each split every template's
// answers are kept even (yes/no exactly, multi-class dominant share <= 1/3), pairing
// questions across videos and trimming what cannot be paired. Biased: each template leans
// hard to one answer, for showing the curation tools.
SampledQuestions sampleQuestions(const std::vector<VideoResult>& videos, int per_video, AnswerBalance balance,
                                 std::uint64_t seed);

}  // namespace avqa::synth
