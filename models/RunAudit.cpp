#include "RunAudit.h"

#include <algorithm>
#include <exception>
#include <thread>

#include "PredictionJson.h"
#include "PredictionReadout.h"
#include "dataset/TemplateCatalog.h"
#include "storage/PerturbationStore.h"
#include "storage/ProjectEvidence.h"

namespace avqa {

RunAudit auditRun(ProjectStore& project, const std::string& run_name, const std::string& ground_truth_path) {
  const RunAnswers answers = loadRunAnswers(project, run_name);
  const auto maps = project.predictionMaps(answers.run.id);
  const auto checks = PerturbationStore(project).forRun(answers.run.id);
  // A file given: its questions by question_id; otherwise the project's evidence by row.
  const std::map<std::string, Evidence> file_evidence =
      ground_truth_path.empty() ? std::map<std::string, Evidence>() : readEvidenceFile(ground_truth_path);
  const std::unordered_map<std::int64_t, Evidence> project_evidence =
      ground_truth_path.empty() ? loadProjectEvidence(project) : std::unordered_map<std::int64_t, Evidence>();
  const auto evidenceFor = [&](const StoredQuestion& stored) -> const Evidence* {
    if (ground_truth_path.empty()) {
      const auto found = project_evidence.find(stored.row);
      return found == project_evidence.end() ? nullptr : &found->second;
    }
    const auto found = stored.record.question_id ? file_evidence.find(*stored.record.question_id) : file_evidence.end();
    return found == file_evidence.end() ? nullptr : &found->second;
  };
  RunAudit audit;
  audit.run = answers.run;
  audit.split = answers.split;
  audit.questions.reserve(answers.questions.size());
  struct Work {
    std::size_t index;
    const StoredPredictionMaps* maps;
    const Evidence* evidence;
  };
  std::vector<Work> work;
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
    if (const auto check = checks.find(stored.row); check != checks.end()) question.perturbation = check->second;
    const auto stored_maps = maps.find(stored.row);
    const Evidence* truth = evidenceFor(stored);
    if (stored_maps == maps.end()) {
      ++audit.without_maps;
    } else if (!truth) {
      ++audit.without_evidence;
    } else {
      work.push_back({audit.questions.size(), &stored_maps->second, truth});
    }
    audit.questions.push_back(std::move(question));
  }
  // Each question's figures are independent: spread them over the cores.
  const std::string source = project.path() + ", run " + run_name;
  const auto figure = [&](std::size_t first, std::size_t step) {
    for (std::size_t i = first; i < work.size(); i += step) {
      const Work& item = work[i];
      const RestoredPrediction restored =
          predictionFromJson(item.maps->prediction_json, source + ", question " + std::to_string(audit.questions[item.index].row));
      audit.questions[item.index].figures =
          questionFigures(predictionReadout(restored.prediction, item.maps->frame_width, item.maps->frame_height), *item.evidence);
    }
  };
  const std::size_t threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      try {
        figure(t, threads);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);  // a damaged stored map, named
  }
  audit.with_figures = work.size();
  return audit;
}

}  // namespace avqa
