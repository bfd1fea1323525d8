#include "storage/RunAnswers.h"

#include "common/AvqaError.h"

namespace avqa {

RecordList RunAnswers::records() const {
  RecordList records;
  records.reserve(questions.size());
  for (const StoredQuestion& question : questions) records.push_back(&question.record);
  return records;
}

RunAnswers loadRunAnswers(ProjectStore& project, const std::string& run_name) {
  std::optional<RunInfo> run = project.findRun(run_name);
  if (!run) throw AvqaError(project.path(), "has no run \"" + run_name + "\"");
  RunAnswers answers;
  answers.run = *run;
  for (const SplitInfo& split : project.splits()) {
    if (split.id == run->split_id) answers.split = split.name;
  }
  answers.questions = project.questions(run->split_id, QuestionDetail::AnalysisFields);
  const auto predicted = project.predictions(run->id);
  answers.predictions.reserve(answers.questions.size());
  for (const StoredQuestion& question : answers.questions) {
    const auto found = predicted.find(question.row);
    answers.predictions.push_back(found == predicted.end() ? std::nullopt : std::optional<std::string>(found->second));
  }
  return answers;
}

}  // namespace avqa
