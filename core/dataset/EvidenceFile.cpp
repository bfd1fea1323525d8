#include "dataset/EvidenceFile.h"

#include <cmath>

#include <nlohmann/json.hpp>

#include "common/JsonIntegers.h"
#include "common/AvqaError.h"
#include "common/InputFile.h"

namespace avqa {

namespace {

Evidence evidenceOf(const nlohmann::json& entry) {
  Evidence item;
  item.seconds = jsonIntegers<int>(entry.at("evidence_seconds"));
  for (const auto& box : entry.at("evidence_boxes")) {
    if (box.is_null()) continue;  // a player the generator could not box
    const std::vector<double> corners = box.get<std::vector<double>>();
    if (corners.size() == 4) item.boxes.emplace_back(QPointF(corners[0], corners[1]), QPointF(corners[2], corners[3]));
  }
  return item;
}

nlohmann::ordered_json entryOf(const Evidence& evidence) {
  nlohmann::ordered_json boxes = nlohmann::ordered_json::array();
  // Whole pixels as integers; a value beyond 2^53 (or not finite) stays a double: the cast
  // to long long is undefined there (found by fuzzing).
  const auto number = [](double value) {
    const bool whole = std::isfinite(value) && std::fabs(value) < 9.0e15 && value == std::floor(value);
    return whole ? nlohmann::ordered_json(static_cast<long long>(value)) : nlohmann::ordered_json(value);
  };
  for (const QRectF& box : evidence.boxes) {
    boxes.push_back({number(box.left()), number(box.top()), number(box.right()), number(box.bottom())});
  }
  return {{"evidence_seconds", evidence.seconds}, {"evidence_boxes", boxes}};
}

}  // namespace

std::string evidenceJson(const Evidence& evidence) { return entryOf(evidence).dump(); }

Evidence evidenceFromJson(const std::string& text, const std::string& source) {
  try {
    return evidenceOf(nlohmann::json::parse(text));
  } catch (const nlohmann::json::exception& error) {
    throw AvqaError(source, std::string("malformed evidence: ") + error.what());
  }
}

std::string evidenceFileText(const std::map<std::string, Evidence>& questions) {
  std::string text = "{\"questions\": {";
  bool first = true;
  for (const auto& [key, evidence] : questions) {
    text += std::string(first ? "\n " : ",\n ") + nlohmann::json(key).dump() + ": " + entryOf(evidence).dump();
    first = false;
  }
  return text + (first ? "}}\n" : "\n}}\n");
}

std::map<std::string, Evidence> readEvidenceFile(const std::string& path) {
  nlohmann::json truth;
  try {
    truth = nlohmann::json::parse(readInputFile(path));
  } catch (const nlohmann::json::exception& error) {
    throw AvqaError(path, std::string("malformed ground truth: ") + error.what());
  }
  std::map<std::string, Evidence> evidence;
  try {
    for (const auto& [question_id, entry] : truth.at("questions").items()) evidence.emplace(question_id, evidenceOf(entry));
  } catch (const nlohmann::json::exception& error) {
    throw AvqaError(path, std::string("ground truth lacks questions/evidence: ") + error.what());
  }
  return evidence;
}

}  // namespace avqa
