#include "storage/QuestionEdits.h"

#include <algorithm>
#include <charconv>

#include "common/AvqaError.h"
#include "common/Timestamp.h"

namespace avqa {

QuestionState QuestionEdits::state(std::int64_t row) {
  DbStatement query = connection_.prepare("SELECT answer, edited_raw, removed, flags, note, evidence FROM questions WHERE id = ?");
  query.bind(1, row);
  if (!query.step()) throw AvqaError(project_.path(), "no question " + std::to_string(row));
  QuestionState state;
  state.answer = query.columnOptional(0);
  state.edited_raw = query.columnOptional(1);
  state.removed = query.columnInt(2) != 0;
  state.flags = static_cast<int>(query.columnInt(3));
  state.note = query.columnOptional(4);
  state.evidence = query.columnOptional(5);
  return state;
}

void QuestionEdits::writeState(std::int64_t row, const QuestionState& state) {
  DbStatement update =
      connection_.prepare("UPDATE questions SET answer = ?, edited_raw = ?, removed = ?, flags = ?, note = ?, evidence = ? WHERE id = ?");
  update.bindOptional(1, state.answer);
  if (state.edited_raw) {
    update.bindBlob(2, *state.edited_raw);
  } else {
    update.bindNull(2);
  }
  update.bind(3, std::int64_t{state.removed ? 1 : 0})
      .bind(4, static_cast<std::int64_t>(state.flags))
      .bindOptional(5, state.note)
      .bindOptional(6, state.evidence)
      .bind(7, row)
      .run();
}

void QuestionEdits::lockQuestion(std::int64_t row) {
  connection_.prepare("UPDATE questions SET id = id WHERE id = ?").bind(1, row).run();  // a row lock in both dialects
}

std::int64_t QuestionEdits::latestHistoryId() {
  DbStatement query = connection_.prepare("SELECT coalesce(max(id), 0) FROM question_history");
  query.step();
  return query.columnInt(0);
}

std::vector<HistoryEntry> QuestionEdits::changesSince(std::int64_t row, std::int64_t after) {
  DbStatement query = connection_.prepare(
      "SELECT id, changed_at, changed_by, field, coalesce(old_value, ''), coalesce(new_value, '') FROM question_history "
      "WHERE question_row = ? AND id > ? ORDER BY id DESC");
  query.bind(1, row).bind(2, after);
  std::vector<HistoryEntry> changes;
  while (query.step()) {
    changes.push_back({query.columnInt(0), query.columnText(1), query.columnText(2), query.columnText(3), query.columnText(4),
                       query.columnText(5)});
  }
  return changes;
}

std::int64_t QuestionEdits::logHistory(std::int64_t row, const std::string& who, const std::string& field, const std::string& old_value,
                                       const std::string& new_value) {
  connection_
      .prepare("INSERT INTO question_history(question_row, changed_at, changed_by, field, old_value, new_value) VALUES(?,?,?,?,?,?)")
      .bind(1, row)
      .bind(2, utcTimestampNow())
      .bind(3, who)
      .bind(4, field)
      .bind(5, old_value)
      .bind(6, new_value)
      .run();
  return connection_.lastInsertRowId();
}

std::pair<std::int64_t, std::string> QuestionEdits::splitAndRecord(std::int64_t row) {
  DbStatement query = connection_.prepare(
      "SELECT q.split_id, coalesce(q.edited_raw, substr(s.source_bytes, CAST(q.raw_offset + 1 AS INTEGER), CAST(q.raw_length AS INTEGER))) "
      "FROM questions q JOIN splits s ON s.id = q.split_id WHERE q.id = ?");
  query.bind(1, row);
  if (!query.step()) throw AvqaError(project_.path(), "no question " + std::to_string(row));
  return {query.columnInt(0), query.columnText(1)};
}

std::pair<std::int64_t, std::string> QuestionEdits::nextKeys(std::int64_t split_id) {
  DbStatement next = connection_.prepare("SELECT coalesce(max(position), -1) + 1 FROM questions WHERE split_id = ?");
  next.bind(1, split_id);
  next.step();
  const std::int64_t position = next.columnInt(0);
  // The largest numeric question_id (ids are text, and may be missing or not numbers).
  DbStatement ids = connection_.prepare("SELECT question_id FROM questions WHERE split_id = ? AND question_id IS NOT NULL");
  ids.bind(1, split_id);
  std::int64_t largest = 0;
  while (ids.step()) {
    const std::string_view id = ids.columnView(0);
    std::int64_t value = 0;
    if (std::from_chars(id.data(), id.data() + id.size(), value).ec == std::errc{}) largest = std::max(largest, value);
  }
  return {position, std::to_string(largest + 1)};
}

std::int64_t QuestionEdits::lookupOrInsert(const char* select, const char* insert, std::initializer_list<std::string_view> keys) {
  DbStatement query = connection_.prepare(select);
  int index = 1;
  for (std::string_view key : keys) query.bind(index++, key);
  if (query.step()) return query.columnInt(0);
  DbStatement add = connection_.prepare(insert);
  index = 1;
  for (std::string_view key : keys) add.bind(index++, key);
  add.run();
  return connection_.lastInsertRowId();
}

std::int64_t QuestionEdits::videoKey(const std::string& name) {
  return lookupOrInsert("SELECT id FROM videos WHERE name = ?1", "INSERT INTO videos(name) VALUES(?1)", {name});
}

std::int64_t QuestionEdits::templateKey(const std::string& text, const std::string& modality, const std::string& question_type) {
  return lookupOrInsert("SELECT id FROM templates WHERE text = ?1 AND modality = ?2 AND question_type = ?3",
                        "INSERT INTO templates(text, modality, question_type) VALUES(?1, ?2, ?3)", {text, modality, question_type});
}

std::int64_t QuestionEdits::insertQuestion(std::int64_t row, const AddedQuestionRow& added) {
  // Redo: the question comes back under its own key; new: the database picks the key.
  DbStatement insert = connection_.prepare(
      row > 0 ? "INSERT INTO questions(id, split_id, position, video_id, template_id, question_id, templ_values, answer, "
                "edited_raw, free_text) VALUES(?,?,?,?,?,?,?,?,?,?)"
              : "INSERT INTO questions(split_id, position, video_id, template_id, question_id, templ_values, answer, "
                "edited_raw, free_text) VALUES(?,?,?,?,?,?,?,?,?)");
  int index = 1;
  if (row > 0) insert.bind(index++, row);
  insert.bind(index, added.split_id)
      .bind(index + 1, added.position)
      .bind(index + 2, added.video_id)
      .bind(index + 3, added.template_id)
      .bind(index + 4, added.question_id)
      .bind(index + 5, added.templ_values)
      .bind(index + 6, added.answer)
      .bindBlob(index + 7, added.raw)
      .bind(index + 8, std::int64_t{added.free_text ? 1 : 0})
      .run();
  return row > 0 ? row : connection_.lastInsertRowId();
}

void QuestionEdits::deleteQuestion(std::int64_t row) { connection_.prepare("DELETE FROM questions WHERE id = ?").bind(1, row).run(); }

std::vector<HistoryEntry> questionHistory(ProjectStore& project, std::int64_t row) {
  DbStatement query = project.connection().prepare(
      "SELECT id, changed_at, changed_by, field, coalesce(old_value, ''), coalesce(new_value, '') FROM question_history "
      "WHERE question_row = ? ORDER BY id DESC");
  query.bind(1, row);
  std::vector<HistoryEntry> entries;
  while (query.step()) {
    entries.push_back({query.columnInt(0), query.columnText(1), query.columnText(2), query.columnText(3), query.columnText(4),
                       query.columnText(5)});
  }
  return entries;
}

}  // namespace avqa
