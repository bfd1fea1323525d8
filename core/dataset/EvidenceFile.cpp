#include "dataset/EvidenceFile.h"

#include <nlohmann/json.hpp>

#include "common/AvqaError.h"
#include "common/InputFile.h"

namespace avqa {

std::map<std::string, Evidence> readEvidenceFile(const std::string& path) {
  nlohmann::json truth;
  try {
    truth = nlohmann::json::parse(readInputFile(path));
  } catch (const nlohmann::json::exception& error) {
    throw AvqaError(path, std::string("malformed ground truth: ") + error.what());
  }
  std::map<std::string, Evidence> evidence;
  try {
    for (const auto& [question_id, entry] : truth.at("questions").items()) {
      Evidence item;
      item.seconds = entry.at("evidence_seconds").get<std::vector<int>>();
      for (const auto& box : entry.at("evidence_boxes")) {
        const std::vector<double> corners = box.get<std::vector<double>>();
        if (corners.size() == 4) item.boxes.emplace_back(QPointF(corners[0], corners[1]), QPointF(corners[2], corners[3]));
      }
      evidence.emplace(question_id, std::move(item));
    }
  } catch (const nlohmann::json::exception& error) {
    throw AvqaError(path, std::string("ground truth lacks questions/evidence: ") + error.what());
  }
  return evidence;
}

}  // namespace avqa
