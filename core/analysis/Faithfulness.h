#pragma once

#include <QRectF>
#include <QSize>
#include <optional>
#include <string>
#include <vector>

#include "dataset/EvidenceFile.h"
#include "media/TimeSteps.h"

namespace avqa {

// One model readout on a patch grid: [T, M] row-major, all-zero rows where it did not look.
struct AttentionMap {
  std::vector<float> values;
  int grid_rows = 0;
  int grid_columns = 0;
};

// What a model said about one question, as faithfulness needs it.
struct AttentionReadout {
  std::vector<TimeStep> steps;
  std::optional<std::vector<float>> temporal;
  std::optional<std::vector<float>> temporal_selected;
  std::optional<AttentionMap> spatial;
  std::optional<AttentionMap> sound_spatial;
  std::string crop = "full-frame";
  QSize frame;
};

// A metric for the model next to what uniform attention would score; nullopt: not available
// (the model has no such readout, or no question had that kind of evidence).
struct MetricPair {
  std::optional<double> model;
  std::optional<double> uniform;
};

struct FaithfulnessReport {
  MetricPair temporal_mass_in_evidence;
  // The same over the questions whose evidence is not the whole clip: where time matters.
  MetricPair temporal_mass_in_partial_evidence;
  MetricPair temporal_hit_rate;
  MetricPair pointing_game_sound;
  MetricPair pointing_game_question;
  MetricPair energy_in_box_sound;
  MetricPair energy_in_box_question;
  MetricPair coverage_sound;
  MetricPair coverage_question;
};

// Accumulates per-question scores; each metric is the mean over the questions it applies to.
//  temporal mass: share of `temporal` on steps overlapping an evidence second (uniform:
//    evidence steps / T); hit rate: a selected step overlaps the evidence (uniform: chance
//    that as many random steps would);
//  pointing game, per map: over evidence seconds with a map, pointingHit() (MapScores.h: the
//    arg-max patch's centre in an evidence box grown by kPointingTolerancePx; uniform: share
//    of patch centres in the grown boxes); energy: the map's mass on
//    patches whose centre is in a box; coverage: share of evidence seconds with a map.
class FaithfulnessAccumulator {
 public:
  void add(const AttentionReadout& readout, const Evidence& evidence);
  FaithfulnessReport report() const;

 private:
  struct Mean {
    double sum = 0.0;
    int count = 0;
    void add(double value) {
      sum += value;
      ++count;
    }
    std::optional<double> value() const { return count > 0 ? std::optional<double>(sum / count) : std::nullopt; }
  };
  struct MapMeans {
    Mean pointing, pointing_uniform, energy, energy_uniform, coverage, coverage_uniform;
  };
  void addMap(const AttentionMap& map, const AttentionReadout& readout, const Evidence& evidence, MapMeans& means);

  Mean mass_, mass_uniform_, partial_mass_, partial_mass_uniform_, hit_, hit_uniform_;
  MapMeans sound_, question_;
  bool has_temporal_ = false, has_partial_ = false, has_selected_ = false, has_sound_ = false, has_question_ = false;
};

}  // namespace avqa
