#include "annotation/FlipAugmentation.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "dataset/FlipVideo.h"

namespace avqa {

std::string mirroredSide(const std::string& word) {
  if (word == "left") return "right";
  if (word == "right") return "left";
  if (word == "leftest") return "rightest";
  if (word == "rightest") return "leftest";
  return word;
}

std::optional<NewQuestion> flippedQuestion(const QaRecord& record) {
  const auto has_side = [](const std::string& word) { return mirroredSide(word) != word; };
  const bool side_in_values = std::any_of(record.templ_values.begin(), record.templ_values.end(), has_side);
  const std::string answer = record.answer.value_or("");
  if (!side_in_values && !has_side(answer)) return std::nullopt;
  NewQuestion flipped;
  flipped.video_id = flipVideoId(record.video_id);
  flipped.template_text = record.question_content;
  flipped.modality = record.modality;
  flipped.question_type = record.question_type;
  for (const std::string& value : record.templ_values) flipped.values.push_back(mirroredSide(value));
  flipped.answer = mirroredSide(answer);
  return flipped;
}

std::int64_t addFlippedQuestions(ProjectStore& project, AnnotationSession& session, std::int64_t split_id,
                                 const std::vector<std::string>& video_ids) {
  const std::vector<StoredQuestion> questions = project.questions(split_id, QuestionDetail::AnalysisFields);
  using Key = std::tuple<std::string, std::string, std::vector<std::string>>;
  std::set<Key> present;
  for (const StoredQuestion& question : questions) {
    present.insert({question.record.video_id, question.record.question_content, question.record.templ_values});
  }
  const std::set<std::string> wanted(video_ids.begin(), video_ids.end());
  const std::size_t first_edit = session.doneCount();
  std::int64_t added = 0;
  for (const StoredQuestion& question : questions) {
    if (!wanted.count(question.record.video_id) || question.record.deleted) continue;
    const std::optional<NewQuestion> flipped = flippedQuestion(question.record);
    if (!flipped || !present.insert({flipped->video_id, flipped->template_text, flipped->values}).second) continue;
    session.addQuestion(split_id, *flipped);
    ++added;
  }
  session.groupSince(first_edit, "mirrored QA pairs of " + std::to_string(wanted.size()) + " video(s)");
  return added;
}

}  // namespace avqa
