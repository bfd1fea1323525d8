#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "media/TimeSteps.h"

namespace avqa {

struct Matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<float> values;  // row-major
  float at(std::size_t row, std::size_t col) const { return values[row * cols + col]; }
};

// Gradient × input of one answer's logit: how much each input moved that logit, for any
// model (one that returns only logits too). Never the model's attention: every view labels
// it as saliency. Values are |sum over the feature dimension of grad * input|.
struct Saliency {
  std::string answer;             // the answer whose logit was explained
  std::vector<float> audio;       // [T] per-step audio features
  std::vector<float> visual;      // [T] per-step frame features
  std::optional<Matrix> patches;  // [T, M] patch features; null when the model takes none
  std::vector<float> temporal;    // [T] audio + visual + patches per step, summing to 1
};

struct RankedAnswer {
  std::string answer;
  float probability = 0.0f;
};

// What any model (built-in or TorchScript) returns for one question. Readouts a model does
// not have stay empty (null in JSON), never faked.
struct Prediction {
  std::vector<std::string> answers;   // the model's answer list
  std::vector<float> probabilities;   // softmax over `answers`
  std::vector<TimeStep> steps;
  std::optional<std::vector<float>> temporal;           // [T]
  std::optional<std::vector<float>> temporal_selected;  // [T], 0/1
  std::optional<Matrix> spatial;                         // [T, M] question-guided
  std::optional<Matrix> sound_spatial;                   // [T, M] audio-guided
  std::map<std::string, std::vector<float>> path_probs;  // e.g. "audio", "visual" -> [C]
  std::map<std::string, std::vector<float>> tokens;      // e.g. "question" -> [L]
  std::vector<std::string> question_words;               // the tokens the model saw
  std::vector<int> grid;  // {gh, gw} of the spatial maps; empty without maps
  std::string crop;       // the part of the frame the grid covers
  std::optional<Saliency> saliency;  // only when asked for (ask --saliency)

  std::vector<RankedAnswer> top(std::size_t count) const;
  std::string answer() const;
};

}  // namespace avqa
