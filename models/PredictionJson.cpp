#include "PredictionJson.h"

#include <nlohmann/json.hpp>

#include "common/AvqaError.h"
#include "common/JsonIntegers.h"

namespace avqa {
namespace {

using Json = nlohmann::json;

Json matrixJson(const std::optional<Matrix>& matrix) {
  if (!matrix) return nullptr;
  return {{"rows", matrix->rows}, {"cols", matrix->cols}, {"values", matrix->values}};
}

std::optional<Matrix> matrixFrom(const Json& json, const char* name) {
  if (json.is_null()) return std::nullopt;
  Matrix matrix;
  matrix.rows = jsonInteger<std::size_t>(json.at("rows"));
  matrix.cols = jsonInteger<std::size_t>(json.at("cols"));
  matrix.values = json.at("values").get<std::vector<float>>();
  if (matrix.values.size() != matrix.rows * matrix.cols) {
    throw std::invalid_argument(std::string(name) + " holds " + std::to_string(matrix.values.size()) +
                                " values for a " + std::to_string(matrix.rows) + "x" + std::to_string(matrix.cols) + " map");
  }
  return matrix;
}

Json optionalJson(const std::optional<std::vector<float>>& values) { return values ? Json(*values) : Json(nullptr); }

std::optional<std::vector<float>> optionalFrom(const Json& json) {
  if (json.is_null()) return std::nullopt;
  return json.get<std::vector<float>>();
}

Json saliencyJson(const std::optional<Saliency>& saliency) {
  if (!saliency) return nullptr;
  return {{"answer", saliency->answer}, {"audio", saliency->audio}, {"visual", saliency->visual},
          {"patches", matrixJson(saliency->patches)}, {"temporal", saliency->temporal}};
}

std::optional<Saliency> saliencyFrom(const Json& json) {
  if (json.is_null()) return std::nullopt;
  Saliency saliency;
  saliency.answer = json.at("answer").get<std::string>();
  saliency.audio = json.at("audio").get<std::vector<float>>();
  saliency.visual = json.at("visual").get<std::vector<float>>();
  saliency.patches = matrixFrom(json.at("patches"), "saliency patches");
  saliency.temporal = json.at("temporal").get<std::vector<float>>();
  return saliency;
}

}  // namespace

std::string predictionToJson(const Prediction& p, double duration_s) {
  Json steps = Json::array();
  for (const TimeStep& step : p.steps) steps.push_back({step.start_s, step.end_s, step.padded});
  const Json json = {{"answers", p.answers},
                     {"probabilities", p.probabilities},
                     {"steps", steps},
                     {"temporal", optionalJson(p.temporal)},
                     {"temporal_selected", optionalJson(p.temporal_selected)},
                     {"spatial", matrixJson(p.spatial)},
                     {"sound_spatial", matrixJson(p.sound_spatial)},
                     {"path_probs", p.path_probs},
                     {"tokens", p.tokens},
                     {"question_words", p.question_words},
                     {"grid", p.grid},
                     {"crop", p.crop},
                     {"saliency", saliencyJson(p.saliency)},
                     {"duration_s", duration_s}};
  return json.dump();
}

RestoredPrediction predictionFromJson(const std::string& json_text, const std::string& source) {
  try {
    const Json json = Json::parse(json_text);
    RestoredPrediction restored;
    Prediction& p = restored.prediction;
    p.answers = json.at("answers").get<std::vector<std::string>>();
    p.probabilities = json.at("probabilities").get<std::vector<float>>();
    if (p.answers.size() != p.probabilities.size() || p.answers.empty()) {
      throw std::invalid_argument("answers and probabilities differ in length or are empty");
    }
    for (const Json& step : json.at("steps")) {
      p.steps.push_back({step.at(0).get<double>(), step.at(1).get<double>(), step.at(2).get<bool>()});
    }
    p.temporal = optionalFrom(json.at("temporal"));
    p.temporal_selected = optionalFrom(json.at("temporal_selected"));
    p.spatial = matrixFrom(json.at("spatial"), "spatial");
    p.sound_spatial = matrixFrom(json.at("sound_spatial"), "sound_spatial");
    p.path_probs = json.at("path_probs").get<std::map<std::string, std::vector<float>>>();
    p.tokens = json.at("tokens").get<std::map<std::string, std::vector<float>>>();
    p.question_words = json.at("question_words").get<std::vector<std::string>>();
    p.grid = jsonIntegers<int>(json.at("grid"));
    p.crop = json.at("crop").get<std::string>();
    // Asks stored before saliency existed have no such key.
    if (json.contains("saliency")) p.saliency = saliencyFrom(json.at("saliency"));
    restored.duration_s = json.at("duration_s").get<double>();
    const auto fits_steps = [&](std::size_t rows) { return rows == p.steps.size(); };
    if ((p.temporal && !fits_steps(p.temporal->size())) || (p.spatial && !fits_steps(p.spatial->rows)) ||
        (p.sound_spatial && !fits_steps(p.sound_spatial->rows)) ||
        (p.saliency && (!fits_steps(p.saliency->temporal.size()) || !fits_steps(p.saliency->audio.size()) ||
                        !fits_steps(p.saliency->visual.size()) || (p.saliency->patches && !fits_steps(p.saliency->patches->rows))))) {
      throw std::invalid_argument("a map's steps differ from the " + std::to_string(p.steps.size()) + " steps");
    }
    return restored;
  } catch (const std::exception& error) {
    throw AvqaError(source, std::string("stored prediction is damaged: ") + error.what());
  }
}

}  // namespace avqa
