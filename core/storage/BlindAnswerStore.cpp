#include "storage/BlindAnswerStore.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "common/AvqaError.h"
#include "common/Timestamp.h"
#include "dataset/TemplateCatalog.h"

namespace avqa {

void BlindAnswerStore::assign(std::int64_t split_id, const std::string& first, const std::string& second) {
  if (first.empty() || second.empty() || first == second) {
    throw AvqaError(project_.path(), "double annotation needs two different annotators");
  }
  DbTransaction transaction(connection_);
  connection_.prepare("DELETE FROM blind_assignments WHERE split_id = ?").bind(1, split_id).run();
  // The order they were given is the order reports name them in: "1 " and "2 " sort so.
  DbStatement insert = connection_.prepare("INSERT INTO blind_assignments(split_id, annotator) VALUES(?, ?)");
  insert.bind(1, split_id).bind(2, "1 " + first).run();
  insert.bind(1, split_id).bind(2, "2 " + second).run();
  transaction.commit();
}

std::vector<std::string> BlindAnswerStore::annotators(std::int64_t split_id) {
  DbStatement query = connection_.prepare("SELECT annotator FROM blind_assignments WHERE split_id = ? ORDER BY annotator");
  query.bind(1, split_id);
  std::vector<std::string> names;
  while (query.step()) names.push_back(query.columnText(0).substr(2));
  return names;
}

void BlindAnswerStore::setAnswer(std::int64_t row, const std::string& annotator, const std::string& answer) {
  DbTransaction transaction(connection_);
  DbStatement split = connection_.prepare("SELECT split_id FROM questions WHERE id = ?");
  split.bind(1, row);
  if (!split.step()) throw AvqaError(project_.path(), "no question " + std::to_string(row));
  const std::vector<std::string> assigned = annotators(split.columnInt(0));
  if (std::find(assigned.begin(), assigned.end(), annotator) == assigned.end()) {
    throw AvqaError(project_.path(), "question " + std::to_string(row) + "'s split is not given to " + annotator +
                                         " for double annotation" + (assigned.empty() ? " (to nobody yet: blind-assign)" : ""));
  }
  connection_
      .prepare("INSERT INTO blind_answers(question_row, annotator, answer, answered_at) VALUES(?, ?, ?, ?) "
               "ON CONFLICT(question_row, annotator) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at")
      .bind(1, row)
      .bind(2, annotator)
      .bind(3, answer)
      .bind(4, utcTimestampNow())
      .run();
  transaction.commit();
}

std::vector<BlindPair> BlindAnswerStore::pairs(std::int64_t split_id) {
  const std::vector<std::string> assigned = annotators(split_id);
  if (assigned.size() != 2) return {};
  DbStatement query = connection_.prepare(
      "SELECT q.id, t.modality, t.question_type, t.text, q.templ_values, a.answer, b.answer, q.answer "
      "FROM questions q JOIN templates t ON t.id = q.template_id "
      "JOIN blind_answers a ON a.question_row = q.id AND a.annotator = ? "
      "JOIN blind_answers b ON b.question_row = q.id AND b.annotator = ? "
      "WHERE q.split_id = ? AND q.removed = 0 AND q.deleted = 0 ORDER BY q.position");
  query.bind(1, assigned[0]).bind(2, assigned[1]).bind(3, split_id);
  std::vector<BlindPair> result;
  while (query.step()) {
    BlindPair pair;
    pair.row = query.columnInt(0);
    pair.group = query.columnText(1) + "/" + query.columnText(2);
    pair.template_text = query.columnText(3);
    pair.question = fillTemplate(pair.template_text, nlohmann::json::parse(query.columnText(4)).get<std::vector<std::string>>());
    pair.first_answer = query.columnText(5);
    pair.second_answer = query.columnText(6);
    pair.stored_answer = query.columnOptional(7);
    result.push_back(std::move(pair));
  }
  return result;
}

std::int64_t BlindAnswerStore::answeredBy(std::int64_t split_id, const std::string& annotator) {
  DbStatement query = connection_.prepare(
      "SELECT count(*) FROM blind_answers a JOIN questions q ON q.id = a.question_row WHERE q.split_id = ? AND a.annotator = ?");
  query.bind(1, split_id).bind(2, annotator);
  query.step();
  return query.columnInt(0);
}

std::vector<BlindQuestion> BlindAnswerStore::questionsFor(std::int64_t split_id, const std::string& annotator) {
  const std::vector<std::string> assigned = annotators(split_id);
  if (std::find(assigned.begin(), assigned.end(), annotator) == assigned.end()) {
    throw AvqaError(project_.path(), "this split is not given to " + annotator + " for double annotation" +
                                         (assigned.empty() ? " (to nobody yet: blind-assign)" : ""));
  }
  DbStatement query = connection_.prepare(
      "SELECT q.id, v.name, t.text, q.templ_values, a.answer "
      "FROM questions q JOIN templates t ON t.id = q.template_id JOIN videos v ON v.id = q.video_id "
      "LEFT JOIN blind_answers a ON a.question_row = q.id AND a.annotator = ? "
      "WHERE q.split_id = ? AND q.removed = 0 AND q.deleted = 0 ORDER BY q.position");
  query.bind(1, annotator).bind(2, split_id);
  std::vector<BlindQuestion> questions;
  while (query.step()) {
    BlindQuestion question;
    question.row = query.columnInt(0);
    question.video_id = query.columnText(1);
    question.question = fillTemplate(query.columnText(2), nlohmann::json::parse(query.columnText(3)).get<std::vector<std::string>>());
    question.own_answer = query.columnOptional(4).value_or("");
    questions.push_back(std::move(question));
  }
  return questions;
}

}  // namespace avqa
