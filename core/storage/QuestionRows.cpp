#include "storage/QuestionRows.h"

#include <filesystem>
#include <map>
#include <unordered_map>

#include "storage/ProjectEvidence.h"
#include "dataset/TemplateCatalog.h"
#include "storage/AskStore.h"

namespace avqa {

std::vector<QuestionRow> loadQuestionRows(ProjectStore& project) {
  // Newest inspector answer per (video, question text): later rows overwrite earlier ones.
  std::unordered_map<std::string, std::string> asked;
  {
    DbStatement statement = project.connection().prepare("SELECT video_name, question, answer FROM asks ORDER BY id");
    while (statement.step()) asked[statement.columnText(0) + '\n' + statement.columnText(1)] = statement.columnText(2);
  }
  VideoFolders folders(project);
  const std::unordered_map<std::int64_t, Evidence> evidence = loadProjectEvidence(project);
  std::unordered_map<std::string, std::string> video_paths;
  std::vector<QuestionRow> rows;
  for (const SplitInfo& split : project.splits()) {
    for (StoredQuestion& stored : project.questions(split.id, QuestionDetail::AnalysisFields)) {
      QaRecord& record = stored.record;
      if (record.deleted) continue;
      QuestionRow row;
      row.row = stored.row;
      row.question_id = record.question_id.value_or("");
      if (auto found = evidence.find(row.row); found != evidence.end()) {
        row.evidence_seconds = found->second.seconds;
        row.evidence_boxes = found->second.boxes;
      }
      row.split = split.name;
      auto [path, inserted] = video_paths.try_emplace(record.video_id);
      if (inserted) path->second = folders.findVideo(record.video_id);
      row.video_path = path->second;
      row.mirrored = isVirtualFlip(record.video_id, row.video_path);
      if (record.unmatch_audio) {
        row.audio_video_id = *record.unmatch_audio;
        auto [audio, added] = video_paths.try_emplace(row.audio_video_id);
        if (added) audio->second = folders.findVideo(row.audio_video_id);
        row.audio_path = audio->second;
      }
      row.video_id = std::move(record.video_id);
      row.modality = std::move(record.modality);
      row.question_type = std::move(record.question_type);
      row.question = fillTemplate(record.question_content, record.templ_values);
      row.templ_values = record.templ_values;
      row.template_text = std::move(record.question_content);
      row.answer = record.answer.value_or("");
      row.flags = stored.flags;
      row.note = std::move(stored.note);
      row.free_text = stored.free_text;
      if (auto found = asked.find(row.video_id + '\n' + row.question); found != asked.end()) row.asked_answer = found->second;
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

void setRunAnswers(std::vector<QuestionRow>& rows, const std::unordered_map<std::int64_t, std::string>& predictions) {
  for (QuestionRow& row : rows) {
    const auto found = predictions.find(row.row);
    row.run_answer = found == predictions.end() ? std::string() : found->second;
  }
}

}  // namespace avqa
