#include "reports/FiguresJson.h"

#include <cmath>

namespace avqa {
namespace {

nlohmann::ordered_json rounded(double value) { return std::round(value * 10000.0) / 10000.0; }

nlohmann::ordered_json optionalJson(const std::optional<double>& value) {
  return value ? rounded(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json mapJson(const std::optional<MapFigures>& map) {
  if (!map) return nullptr;
  return {{"steps", map->steps},
          {"pointing", rounded(map->pointing)},
          {"pointing_uniform", rounded(map->pointing_uniform)},
          {"pointing_centre", rounded(map->pointing_centre)},
          {"energy_in_box", rounded(map->energy)},
          {"energy_in_box_uniform", rounded(map->energy_uniform)},
          {"energy_in_box_centre", rounded(map->energy_centre)},
          {"ciou", rounded(map->ciou)},
          {"ciou_centre", rounded(map->ciou_centre)}};
}

}  // namespace

nlohmann::ordered_json questionFiguresJson(const QuestionFigures& figures) {
  return {{"temporal_mass", optionalJson(figures.temporal_mass)},
          {"temporal_mass_uniform", optionalJson(figures.temporal_mass_uniform)},
          {"selected_hit", figures.selected_hit ? nlohmann::ordered_json(*figures.selected_hit) : nlohmann::ordered_json(nullptr)},
          {"question_guided", mapJson(figures.spatial)},
          {"sound_guided", mapJson(figures.sound_spatial)}};
}

}  // namespace avqa
