#include "annotation/EvidenceTransfer.h"

#include <unordered_map>

#include "storage/ProjectEvidence.h"

namespace avqa {
namespace {

std::string keyOf(const StoredQuestion& question, PredictionKey key) {
  if (key == PredictionKey::Position) return std::to_string(question.position);
  return question.record.question_id.value_or("");
}

}  // namespace

EvidenceImport importEvidence(ProjectStore& project, AnnotationSession& session, std::int64_t split_id,
                              const std::map<std::string, Evidence>& questions, PredictionKey key) {
  std::unordered_map<std::string, std::vector<std::int64_t>> rows;
  for (const StoredQuestion& question : project.questions(split_id, QuestionDetail::AnalysisFields)) {
    const std::string question_key = keyOf(question, key);
    if (!question_key.empty()) rows[question_key].push_back(question.row);
  }
  EvidenceImport result;
  for (const auto& [question_key, evidence] : questions) {
    const auto found = rows.find(question_key);
    if (found == rows.end()) {
      ++result.unmatched;
    } else if (found->second.size() > 1) {
      ++result.ambiguous;
    } else {
      session.setEvidence(found->second.front(), evidence);
      ++result.stored;
    }
  }
  return result;
}

std::string exportEvidence(ProjectStore& project, std::int64_t split_id, PredictionKey key) {
  const std::unordered_map<std::int64_t, Evidence> evidence = loadProjectEvidence(project);
  std::map<std::string, Evidence> questions;
  for (const StoredQuestion& question : project.questions(split_id, QuestionDetail::AnalysisFields)) {
    const auto found = evidence.find(question.row);
    const std::string question_key = keyOf(question, key);
    if (found != evidence.end() && !question_key.empty()) questions.emplace(question_key, found->second);
  }
  return evidenceFileText(questions);
}

}  // namespace avqa
