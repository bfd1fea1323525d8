#include "analysis/Faithfulness.h"

#include <algorithm>
#include <cmath>

#include "analysis/MapScores.h"
#include "media/PatchGeometry.h"

namespace avqa {
namespace {

bool overlapsEvidence(const TimeStep& step, const std::vector<int>& seconds) {
  return std::any_of(seconds.begin(), seconds.end(), [&](int second) { return step.start_s < second + 1 && step.end_s > second; });
}

// The step whose span holds `second` (its first step), or -1.
int stepOf(int second, const std::vector<TimeStep>& steps) {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (!steps[i].padded && steps[i].start_s <= second + 1e-9 && steps[i].end_s > second + 1e-9) return static_cast<int>(i);
  }
  return -1;
}

// Chance that k steps drawn without replacement from T include one of the e evidence steps.
double chanceOfHit(int total, int evidence, int drawn) {
  if (evidence <= 0) return 0.0;
  if (drawn <= 0) return 0.0;
  double miss = 1.0;
  for (int i = 0; i < drawn; ++i) miss *= static_cast<double>(total - evidence - i) / (total - i);
  return 1.0 - std::max(0.0, miss);
}

}  // namespace

void FaithfulnessAccumulator::add(const AttentionReadout& readout, const Evidence& evidence) {
  const std::size_t t = readout.steps.size();
  if (!evidence.seconds.empty() && t > 0) {
    int evidence_steps = 0;
    for (const TimeStep& step : readout.steps) evidence_steps += overlapsEvidence(step, evidence.seconds) ? 1 : 0;
    if (readout.temporal && readout.temporal->size() == t) {
      has_temporal_ = true;
      double inside = 0.0;
      double total = 0.0;
      for (std::size_t i = 0; i < t; ++i) {
        total += (*readout.temporal)[i];
        if (overlapsEvidence(readout.steps[i], evidence.seconds)) inside += (*readout.temporal)[i];
      }
      if (total > 0) mass_.add(inside / total);
      mass_uniform_.add(static_cast<double>(evidence_steps) / static_cast<double>(t));
      if (evidence_steps < static_cast<int>(t)) {  // a whole-clip answer scores 1 for any curve
        has_partial_ = true;
        if (total > 0) partial_mass_.add(inside / total);
        partial_mass_uniform_.add(static_cast<double>(evidence_steps) / static_cast<double>(t));
      }
    }
    if (readout.temporal_selected && readout.temporal_selected->size() == t) {
      has_selected_ = true;
      int selected = 0;
      bool hit = false;
      for (std::size_t i = 0; i < t; ++i) {
        if ((*readout.temporal_selected)[i] <= 0.5f) continue;
        ++selected;
        hit |= overlapsEvidence(readout.steps[i], evidence.seconds);
      }
      hit_.add(hit ? 1.0 : 0.0);
      hit_uniform_.add(chanceOfHit(static_cast<int>(t), evidence_steps, selected));
    }
  }
  if (!evidence.boxes.empty() && !evidence.seconds.empty()) {
    if (readout.sound_spatial) {
      has_sound_ = true;
      addMap(*readout.sound_spatial, readout, evidence, sound_);
    }
    if (readout.spatial) {
      has_question_ = true;
      addMap(*readout.spatial, readout, evidence, question_);
    }
  }
}

void FaithfulnessAccumulator::addMap(const AttentionMap& map, const AttentionReadout& readout, const Evidence& evidence,
                                     MapMeans& means) {
  const int patches = map.grid_rows * map.grid_columns;
  std::vector<bool> in_box(static_cast<std::size_t>(patches), false);
  int patches_in_box = 0;
  int centres_in_grown_box = 0;  // the pointing game's chance level, with its tolerance
  for (int p = 0; p < patches; ++p) {
    const QPointF centre = patchPixelBox(readout.frame, map.grid_rows, map.grid_columns, readout.crop, p / map.grid_columns,
                                         p % map.grid_columns)
                               .center();
    in_box[static_cast<std::size_t>(p)] =
        std::any_of(evidence.boxes.begin(), evidence.boxes.end(), [&](const QRectF& box) { return box.contains(centre); });
    patches_in_box += in_box[static_cast<std::size_t>(p)] ? 1 : 0;
    centres_in_grown_box += std::any_of(evidence.boxes.begin(), evidence.boxes.end(), [&](const QRectF& box) {
      const double grow = kPointingTolerancePx;
      return box.adjusted(-grow, -grow, grow, grow).contains(centre);
    }) ? 1 : 0;
  }
  const double uniform_share = static_cast<double>(patches_in_box) / patches;
  const double uniform_pointing = static_cast<double>(centres_in_grown_box) / patches;
  Mean pointing, energy;
  int covered = 0;
  for (int second : evidence.seconds) {
    const int step = stepOf(second, readout.steps);
    if (step < 0) continue;
    const float* row = map.values.data() + static_cast<std::size_t>(step) * static_cast<std::size_t>(patches);
    double total = 0.0;
    double inside = 0.0;
    for (int p = 0; p < patches; ++p) {
      total += row[p];
      if (in_box[static_cast<std::size_t>(p)]) inside += row[p];
    }
    if (total <= 0.0) continue;  // no map for this step (e.g. a segment PSTP-Net did not select)
    ++covered;
    const PatchMap step_map{std::vector<float>(row, row + patches), map.grid_rows, map.grid_columns, readout.crop, readout.frame};
    pointing.add(pointingHit(step_map, evidence.boxes) ? 1.0 : 0.0);
    energy.add(inside / total);
  }
  means.coverage.add(static_cast<double>(covered) / static_cast<double>(evidence.seconds.size()));
  means.coverage_uniform.add(1.0);  // uniform attention looks at every step
  if (pointing.count > 0) {
    means.pointing.add(*pointing.value());
    means.energy.add(*energy.value());
    means.pointing_uniform.add(uniform_pointing);
    means.energy_uniform.add(uniform_share);
  }
}

FaithfulnessReport FaithfulnessAccumulator::report() const {
  FaithfulnessReport report;
  if (has_temporal_) report.temporal_mass_in_evidence = {mass_.value(), mass_uniform_.value()};
  if (has_partial_) report.temporal_mass_in_partial_evidence = {partial_mass_.value(), partial_mass_uniform_.value()};
  if (has_selected_) report.temporal_hit_rate = {hit_.value(), hit_uniform_.value()};
  if (has_sound_) {
    report.pointing_game_sound = {sound_.pointing.value(), sound_.pointing_uniform.value()};
    report.energy_in_box_sound = {sound_.energy.value(), sound_.energy_uniform.value()};
    report.coverage_sound = {sound_.coverage.value(), sound_.coverage_uniform.value()};
  }
  if (has_question_) {
    report.pointing_game_question = {question_.pointing.value(), question_.pointing_uniform.value()};
    report.energy_in_box_question = {question_.energy.value(), question_.energy_uniform.value()};
    report.coverage_question = {question_.coverage.value(), question_.coverage_uniform.value()};
  }
  return report;
}

}  // namespace avqa
