#include "analysis/QuestionFigures.h"

#include <algorithm>
#include <numeric>

#include "analysis/MapScores.h"

namespace avqa {
namespace {

bool overlaps(const TimeStep& step, int second) { return !step.padded && step.start_s < second + 1 && step.end_s > second; }

std::optional<MapFigures> mapFigures(const AttentionMap& map, const AttentionReadout& readout, const Evidence& evidence) {
  if (evidence.boxes.empty()) return std::nullopt;
  const int patches = map.grid_rows * map.grid_columns;
  if (patches <= 0 || map.values.size() < readout.steps.size() * static_cast<std::size_t>(patches)) return std::nullopt;
  MapFigures figures;
  const PatchMap like{{}, map.grid_rows, map.grid_columns, readout.crop, readout.frame};
  const PatchMap uniform = uniformMap(like);
  const PatchMap centre = centreMap(like);
  const std::vector<unsigned char> mask = boxMask(readout.frame, evidence.boxes);
  for (std::size_t step = 0; step < readout.steps.size(); ++step) {
    const bool on_evidence = std::any_of(evidence.seconds.begin(), evidence.seconds.end(),
                                         [&](int second) { return overlaps(readout.steps[step], second); });
    if (!on_evidence) continue;
    const auto begin = map.values.begin() + static_cast<std::ptrdiff_t>(step * static_cast<std::size_t>(patches));
    PatchMap row = like;
    row.weights.assign(begin, begin + patches);
    if (std::accumulate(row.weights.begin(), row.weights.end(), 0.0) <= 0.0) continue;  // not looked at
    ++figures.steps;
    figures.pointing += pointingHit(row, evidence.boxes) ? 1.0 : 0.0;
    const std::vector<float> pixels = mapAtFrame(row);
    figures.energy += energyInMask(pixels, mask);
    figures.ciou += ciouInMask(pixels, mask);
  }
  if (figures.steps == 0) return std::nullopt;
  const double n = figures.steps;
  figures.pointing /= n;
  figures.energy /= n;
  figures.ciou /= n;
  // A uniform map has no peak: its pointing figure is the chance that a random patch's
  // centre falls in a (grown) box.
  int in_grown = 0;
  for (int p = 0; p < patches; ++p) {
    PatchMap one_hot = like;
    one_hot.weights.assign(static_cast<std::size_t>(patches), 0.0f);
    one_hot.weights[static_cast<std::size_t>(p)] = 1.0f;
    in_grown += pointingHit(one_hot, evidence.boxes) ? 1 : 0;
  }
  figures.pointing_uniform = static_cast<double>(in_grown) / patches;
  figures.energy_uniform = energyInMask(mapAtFrame(uniform), mask);
  figures.pointing_centre = pointingHit(centre, evidence.boxes) ? 1.0 : 0.0;
  const std::vector<float> centre_pixels = mapAtFrame(centre);
  figures.energy_centre = energyInMask(centre_pixels, mask);
  figures.ciou_centre = ciouInMask(centre_pixels, mask);
  return figures;
}

}  // namespace

QuestionFigures questionFigures(const AttentionReadout& readout, const Evidence& evidence) {
  QuestionFigures figures;
  if (evidence.seconds.empty()) return figures;
  const std::size_t t = readout.steps.size();
  std::vector<bool> on_evidence(t, false);
  int evidence_steps = 0;
  for (std::size_t i = 0; i < t; ++i) {
    on_evidence[i] = std::any_of(evidence.seconds.begin(), evidence.seconds.end(), [&](int s) { return overlaps(readout.steps[i], s); });
    evidence_steps += on_evidence[i] ? 1 : 0;
  }
  if (readout.temporal && readout.temporal->size() == t && t > 0) {
    double total = 0.0, inside = 0.0;
    for (std::size_t i = 0; i < t; ++i) {
      total += (*readout.temporal)[i];
      if (on_evidence[i]) inside += (*readout.temporal)[i];
    }
    if (total > 0.0) figures.temporal_mass = inside / total;
    figures.temporal_mass_uniform = static_cast<double>(evidence_steps) / static_cast<double>(t);
  }
  if (readout.temporal_selected && readout.temporal_selected->size() == t) {
    bool hit = false;
    for (std::size_t i = 0; i < t; ++i) hit |= on_evidence[i] && (*readout.temporal_selected)[i] > 0.5f;
    figures.selected_hit = hit;
  }
  if (readout.spatial) figures.spatial = mapFigures(*readout.spatial, readout, evidence);
  if (readout.sound_spatial) figures.sound_spatial = mapFigures(*readout.sound_spatial, readout, evidence);
  return figures;
}

}  // namespace avqa
