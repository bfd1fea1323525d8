#pragma once

#include <optional>
#include <string>

#include "analysis/Faithfulness.h"

namespace avqa {

// One spatial map's figures for one question, over the evidence seconds where the model
// gave it weight (docs/attention-metrics.md): each beside uniform attention and a
// centre-biased map (a Gaussian at the frame centre, sigma = 1/4 of the short side).
struct MapFigures {
  int steps = 0;                // evidence steps with a map
  double pointing = 0.0;        // share of those steps with a pointing hit
  double energy = 0.0;          // mean share of the map's energy in the evidence boxes
  double ciou = 0.0;            // mean cIoU (map min-max normalised, threshold 0.5)
  double pointing_uniform = 0.0, energy_uniform = 0.0;  // uniform: cIoU is 0 (a flat map selects nothing)
  double pointing_centre = 0.0, energy_centre = 0.0, ciou_centre = 0.0;
};

struct QuestionFigures {
  std::optional<double> temporal_mass;          // share of temporal weight on evidence steps
  std::optional<double> temporal_mass_uniform;  // evidence steps / T
  std::optional<bool> selected_hit;             // a selected step overlaps the evidence
  std::optional<MapFigures> spatial;            // question-guided
  std::optional<MapFigures> sound_spatial;      // sound-guided
};

// The figures of one answered question against its evidence; a map without evidence boxes
// or without weight on any evidence second has none.
QuestionFigures questionFigures(const AttentionReadout& readout, const Evidence& evidence);

}  // namespace avqa
