#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "dataset/MusicAvqaFile.h"

namespace avqa {

struct ExampleQuestionOptions {
  std::size_t records = 2000;
  std::size_t records_per_video = 20;
  std::uint32_t seed = 1;
  bool duplicate_some_ids = true;  // every 500th record repeats an id, as the released files do
};

// A MUSIC-AVQA-style question file (json_update schema, indent=2) drawn from the 33
// templates: for demos and benchmarks only, its answers are random (no video behind it).
MusicAvqaFile generateExampleQuestions(const ExampleQuestionOptions& options);

// "question_id<TAB>answer" lines for `file`: right with probability `accuracy`, otherwise
// another answer of the template, as another tool's prediction file would look.
std::string generateExamplePredictions(const MusicAvqaFile& file, double accuracy,
                                       std::uint32_t seed);

}  // namespace avqa
