#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "synthetic/Scene.h"

namespace avqa::synth {

// A question a scene answers without ambiguity, with where the answer lies.
struct QuestionCandidate {
  std::string template_text;  // verbatim MUSIC-AVQA template
  std::vector<std::string> values;
  std::string answer;
  std::vector<int> evidence_seconds;
  std::vector<int> evidence_players;
};

// Every unambiguous question of the 33 templates that `scene` supports, for a spread of
// placeholder values (negatives drawn with `seed`). A question whose answer the scene does
// not settle (a tie, an instrument seen twice, an off-screen player where it matters) is
// left out rather than answered by a guess.
std::vector<QuestionCandidate> candidateQuestions(const Scene& scene, std::uint64_t seed);

// "zero" ... "ten", then "more than ten".
std::string numberWord(std::size_t count);

}  // namespace avqa::synth
