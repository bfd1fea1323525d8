#include "RunAudit.h"

#include "PredictionJson.h"
#include "PredictionReadout.h"
#include "dataset/TemplateCatalog.h"
#include "storage/ProjectEvidence.h"

namespace avqa {

RunAudit auditRun(ProjectStore& project, const std::string& run_name, const std::string& ground_truth_path) {
  const RunAnswers answers = loadRunAnswers(project, run_name);
  const auto maps = project.predictionMaps(answers.run.id);
  const std::map<std::string, Evidence> evidence =
      ground_truth_path.empty() ? loadProjectEvidence(project) : readEvidenceFile(ground_truth_path);
  RunAudit audit;
  audit.run = answers.run;
  audit.split = answers.split;
  audit.questions.reserve(answers.questions.size());
  for (std::size_t i = 0; i < answers.questions.size(); ++i) {
    const StoredQuestion& stored = answers.questions[i];
    const QaRecord& record = stored.record;
    AuditedQuestion question;
    question.row = stored.row;
    question.video_id = record.video_id;
    question.question = fillTemplate(record.question_content, record.templ_values);
    question.answer = record.answer.value_or("");
    question.predicted = answers.predictions[i].value_or("");
    question.right = answers.predictions[i] && question.predicted == question.answer;
    question.group = groupKey(record.modality, record.question_type);
    question.template_text = record.question_content;
    const auto stored_maps = maps.find(stored.row);
    const auto truth = record.question_id ? evidence.find(*record.question_id) : evidence.end();
    if (stored_maps == maps.end()) {
      ++audit.without_maps;
    } else if (truth == evidence.end()) {
      ++audit.without_evidence;
    } else {
      const RestoredPrediction restored = predictionFromJson(
          stored_maps->second.prediction_json, project.path() + ", run " + run_name + ", question " + std::to_string(stored.row));
      question.figures = questionFigures(
          predictionReadout(restored.prediction, stored_maps->second.frame_width, stored_maps->second.frame_height), truth->second);
      ++audit.with_figures;
    }
    audit.questions.push_back(std::move(question));
  }
  return audit;
}

}  // namespace avqa
