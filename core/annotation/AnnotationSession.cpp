#include "annotation/AnnotationSession.h"

#include "common/AvqaError.h"
#include "common/Timestamp.h"
#include "dataset/RecordEditor.h"

namespace avqa {
namespace {

std::string stateText(const std::string& field, const QuestionState& state) {
  if (field == "anser") return state.answer.value_or("");
  if (field == "removed") return state.removed ? "1" : "0";
  if (field == "flags") return std::to_string(state.flags);
  if (field == "note") return state.note.value_or("");
  return "";
}

std::int64_t lookupOrInsert(SqliteConnection& connection, const char* select, const char* insert,
                            std::initializer_list<std::string_view> keys) {
  SqliteStatement query = connection.prepare(select);
  int index = 1;
  for (std::string_view key : keys) query.bind(index++, key);
  if (query.step()) return query.columnInt(0);
  SqliteStatement add = connection.prepare(insert);
  index = 1;
  for (std::string_view key : keys) add.bind(index++, key);
  add.run();
  return connection.lastInsertRowId();
}

}  // namespace

std::vector<HistoryEntry> questionHistory(ProjectStore& project, std::int64_t row) {
  SqliteStatement query = project.connection().prepare(
      "SELECT changed_at, changed_by, field, coalesce(old_value, ''), coalesce(new_value, '') FROM question_history "
      "WHERE question_row = ? ORDER BY id DESC");
  query.bind(1, row);
  std::vector<HistoryEntry> entries;
  while (query.step()) {
    entries.push_back({query.columnText(0), query.columnText(1), query.columnText(2), query.columnText(3), query.columnText(4)});
  }
  return entries;
}

AnnotationSession::AnnotationSession(ProjectStore& project, std::string who)
    : project_(project), connection_(project.connection()), who_(std::move(who)) {}

QuestionState AnnotationSession::stateOf(std::int64_t row) {
  SqliteStatement query =
      connection_.prepare("SELECT answer, edited_raw, removed, flags, note FROM questions WHERE id = ?");
  query.bind(1, row);
  if (!query.step()) throw AvqaError(project_.path(), "no question " + std::to_string(row));
  QuestionState state;
  state.answer = query.columnOptional(0);
  state.edited_raw = query.columnOptional(1);
  state.removed = query.columnInt(2) != 0;
  state.flags = static_cast<int>(query.columnInt(3));
  state.note = query.columnOptional(4);
  return state;
}

void AnnotationSession::writeState(std::int64_t row, const QuestionState& state) {
  SqliteStatement update = connection_.prepare(
      "UPDATE questions SET answer = ?, edited_raw = ?, removed = ?, flags = ?, note = ? WHERE id = ?");
  update.bindOptional(1, state.answer);
  if (state.edited_raw) {
    update.bindBlob(2, *state.edited_raw);
  } else {
    update.bindNull(2);
  }
  update.bind(3, std::int64_t{state.removed ? 1 : 0})
      .bind(4, static_cast<std::int64_t>(state.flags))
      .bindOptional(5, state.note)
      .bind(6, row)
      .run();
}

void AnnotationSession::logHistory(std::int64_t row, const std::string& field, const std::string& old_value,
                                   const std::string& new_value) {
  connection_
      .prepare("INSERT INTO question_history(question_row, changed_at, changed_by, field, old_value, new_value) "
               "VALUES(?,?,?,?,?,?)")
      .bind(1, row)
      .bind(2, utcTimestampNow())
      .bind(3, who_)
      .bind(4, field)
      .bind(5, old_value)
      .bind(6, new_value)
      .run();
}

void AnnotationSession::change(std::int64_t row, const std::string& field, const std::function<void(QuestionState&)>& edit_state) {
  // Read and write in one transaction: another process's edit of the same question in
  // between can never be overwritten with what this one read before.
  SqliteTransaction transaction(connection_);
  Edit edit;
  edit.row = row;
  edit.field = field;
  edit.before = stateOf(row);
  edit.after = edit.before;
  edit_state(edit.after);
  writeState(row, edit.after);
  logHistory(row, field, stateText(field, edit.before), stateText(field, edit.after));
  transaction.commit();
  done_.push_back(std::move(edit));
  undone_.clear();
}

void AnnotationSession::setAnswer(std::int64_t row, const std::string& answer) {
  change(row, "anser", [&](QuestionState& state) {
    SqliteStatement query = connection_.prepare(
        "SELECT q.split_id, coalesce(q.edited_raw, substr(s.source_bytes, q.raw_offset + 1, q.raw_length)) "
        "FROM questions q JOIN splits s ON s.id = q.split_id WHERE q.id = ?");
    query.bind(1, row);
    if (!query.step()) throw AvqaError(project_.path(), "no question " + std::to_string(row));
    state.answer = answer;
    state.edited_raw = RecordEditor(project_.splitStyle(query.columnInt(0))).withAnswer(query.columnText(1), answer);
  });
}

void AnnotationSession::remove(std::int64_t row) {
  change(row, "removed", [](QuestionState& state) { state.removed = true; });
}

void AnnotationSession::setFlags(std::int64_t row, int flags) {
  change(row, "flags", [flags](QuestionState& state) { state.flags = flags; });
}

void AnnotationSession::setNote(std::int64_t row, const std::string& note) {
  change(row, "note", [&note](QuestionState& state) {
    state.note = note.empty() ? std::nullopt : std::optional<std::string>(note);
  });
}

void AnnotationSession::insertAdded(std::int64_t row, const AddedRow& added) {
  SqliteStatement insert = connection_.prepare(
      "INSERT INTO questions(id, split_id, position, video_id, template_id, question_id, templ_values, answer, "
      "edited_raw, free_text) VALUES(?,?,?,?,?,?,?,?,?,?)");
  if (row > 0) {
    insert.bind(1, row);  // redo: the question comes back under its own key
  } else {
    insert.bindNull(1);  // new: SQLite picks the key
  }
  insert.bind(2, added.split_id)
      .bind(3, added.position)
      .bind(4, added.video_id)
      .bind(5, added.template_id)
      .bind(6, added.question_id)
      .bind(7, added.templ_values)
      .bind(8, added.answer)
      .bindBlob(9, added.raw)
      .bind(10, std::int64_t{added.free_text ? 1 : 0})
      .run();
}

std::int64_t AnnotationSession::addQuestion(std::int64_t split_id, const NewQuestion& question) {
  if (question.video_id.empty() || question.template_text.empty() || question.answer.empty()) {
    throw AvqaError(project_.path(), "a new question needs a video, a question and an answer");
  }
  SqliteTransaction transaction(connection_);
  AddedRow added;
  added.split_id = split_id;
  SqliteStatement next = connection_.prepare(
      "SELECT coalesce(max(position), -1) + 1, coalesce(max(CAST(question_id AS INTEGER)), 0) + 1 "
      "FROM questions WHERE split_id = ?");
  next.bind(1, split_id);
  next.step();
  added.position = next.columnInt(0);
  added.question_id = std::to_string(next.columnInt(1));
  added.video_id = lookupOrInsert(connection_, "SELECT id FROM videos WHERE name = ?1", "INSERT INTO videos(name) VALUES(?1)",
                                  {question.video_id});
  added.template_id = lookupOrInsert(
      connection_, "SELECT id FROM templates WHERE text = ?1 AND modality = ?2 AND question_type = ?3",
      "INSERT INTO templates(text, modality, question_type) VALUES(?1, ?2, ?3)",
      {question.template_text, question.modality, question.question_type});
  added.templ_values = question.values.empty() ? "[]" : pyJsonCompactStringList(question.values);
  added.answer = question.answer;
  added.free_text = question.free_text;
  QaRecord record;
  record.video_id = question.video_id;
  record.question_id = added.question_id;
  record.modality = question.modality;
  record.question_type = question.question_type;
  record.question_content = question.template_text;
  record.templ_values = question.values;
  record.answer = question.answer;
  added.raw = RecordEditor(project_.splitStyle(split_id)).compose(record);
  insertAdded(0, added);
  const std::int64_t row = connection_.lastInsertRowId();
  logHistory(row, "added", "", question.template_text);
  transaction.commit();
  Edit edit;
  edit.row = row;
  edit.field = "added";
  edit.added = std::move(added);
  done_.push_back(std::move(edit));
  undone_.clear();
  return row;
}

void AnnotationSession::revert(const Edit& edit) {
  for (auto part = edit.parts.rbegin(); part != edit.parts.rend(); ++part) revert(*part);  // a group: last first
  if (!edit.parts.empty()) return;
  if (edit.added) {
    connection_.prepare("DELETE FROM questions WHERE id = ?").bind(1, edit.row).run();
    logHistory(edit.row, "undo added", edit.added->raw, "");
  } else {
    writeState(edit.row, edit.before);
    logHistory(edit.row, "undo " + edit.field, stateText(edit.field, edit.after), stateText(edit.field, edit.before));
  }
}

void AnnotationSession::reapply(const Edit& edit) {
  for (const Edit& part : edit.parts) reapply(part);
  if (!edit.parts.empty()) return;
  if (edit.added) {
    insertAdded(edit.row, *edit.added);
    logHistory(edit.row, "redo added", "", edit.added->raw);
  } else {
    writeState(edit.row, edit.after);
    logHistory(edit.row, "redo " + edit.field, stateText(edit.field, edit.before), stateText(edit.field, edit.after));
  }
}

std::int64_t AnnotationSession::undo() {
  if (done_.empty()) return 0;
  Edit edit = std::move(done_.back());
  done_.pop_back();
  SqliteTransaction transaction(connection_);
  revert(edit);
  transaction.commit();
  undone_.push_back(std::move(edit));
  return undone_.back().row;
}

std::int64_t AnnotationSession::redo() {
  if (undone_.empty()) return 0;
  Edit edit = std::move(undone_.back());
  undone_.pop_back();
  SqliteTransaction transaction(connection_);
  reapply(edit);
  transaction.commit();
  done_.push_back(std::move(edit));
  return done_.back().row;
}

void AnnotationSession::groupSince(std::size_t first, const std::string& description) {
  if (done_.size() - first < 2) return;
  Edit group;
  group.field = description;
  group.row = done_.back().row;
  group.parts.assign(std::make_move_iterator(done_.begin() + static_cast<std::ptrdiff_t>(first)), std::make_move_iterator(done_.end()));
  done_.resize(first);
  done_.push_back(std::move(group));
}

std::string AnnotationSession::describe(const Edit& edit) {
  if (!edit.parts.empty()) return edit.field;
  const std::string what = edit.field == "anser"     ? "answer"
                           : edit.field == "removed" ? "removal"
                           : edit.field == "added"   ? "new question"
                                                     : edit.field;
  return what;  // the table shows questions, not row ids
}

std::string AnnotationSession::undoText() const { return done_.empty() ? "" : describe(done_.back()); }
std::string AnnotationSession::redoText() const { return undone_.empty() ? "" : describe(undone_.back()); }

}  // namespace avqa
