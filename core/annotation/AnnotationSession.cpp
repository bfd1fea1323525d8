#include "annotation/AnnotationSession.h"

#include <algorithm>
#include <tuple>

#include "common/AvqaError.h"
#include "dataset/RecordEditor.h"

namespace avqa {
namespace {

std::string stateText(const std::string& field, const QuestionState& state) {
  if (field == "anser") return state.answer.value_or("");
  if (field == "removed") return state.removed ? "1" : "0";
  if (field == "flags") return std::to_string(state.flags);
  if (field == "note") return state.note.value_or("");
  if (field == "evidence") return state.evidence.value_or("");
  return "";
}

std::string fieldName(const std::string& field) {
  if (field == "anser") return "answer";
  if (field.rfind("undo anser", 0) == 0 || field.rfind("redo anser", 0) == 0) return field.substr(0, 5) + "answer";
  return field;
}

std::string quoted(const std::string& text) { return text.empty() ? "(none)" : "\"" + text + "\""; }

}  // namespace

StaleEditError::StaleEditError(const std::string& project, std::int64_t row, const HistoryEntry& change)
    : AvqaError(project, "question " + std::to_string(row) + " was changed by " + change.changed_by + " at " + change.changed_at +
                             " (" + fieldName(change.field) + ": " + quoted(change.old_value) + " -> " + quoted(change.new_value) +
                             ") after you read it; the edit was not stored: reload to see the change, then edit again"),
      row_(row),
      change_(change) {}

AnnotationSession::AnnotationSession(ProjectStore& project, std::string who)
    : project_(project), edits_(project), role_(project.connection().databaseUser()) {
  setWho(std::move(who));
  markSeen();
}

void AnnotationSession::setWho(std::string who) {
  who_ = std::move(who);
  author_ = role_.empty() || role_ == who_ ? who_ : who_ + " (" + role_ + ")";
}

void AnnotationSession::markSeen() { markSeen(edits_.latestHistoryId()); }

void AnnotationSession::markSeen(std::int64_t history_id) {
  seen_history_id_ = std::max(seen_history_id_, history_id);
  for (auto row = seen_rows_.begin(); row != seen_rows_.end();) {
    row = row->second <= seen_history_id_ ? seen_rows_.erase(row) : std::next(row);
  }
}

void AnnotationSession::checkCurrent(std::int64_t row) {
  edits_.lockQuestion(row);
  const auto seen = seen_rows_.find(row);
  const std::int64_t after = seen == seen_rows_.end() ? seen_history_id_ : std::max(seen->second, seen_history_id_);
  refuseChangesByOthers(row, after);
}

void AnnotationSession::checkUntouchedSince(const Edit& edit) {
  for (const Edit& part : edit.parts) checkUntouchedSince(part);
  if (!edit.parts.empty()) return;
  edits_.lockQuestion(edit.row);
  refuseChangesByOthers(edit.row, edit.history_id);
}

void AnnotationSession::refuseChangesByOthers(std::int64_t row, std::int64_t after) {
  for (const HistoryEntry& change : edits_.changesSince(row, after)) {  // newest first
    if (!isOwnChange(change.id)) throw StaleEditError(project_.path(), row, change);
  }
}

void AnnotationSession::committed() {
  for (const auto& [row, history_id] : written_) {
    seen_rows_[row] = history_id;
    own_history_ids_.insert(history_id);
  }
  written_.clear();
}

QuestionState AnnotationSession::stateOf(std::int64_t row) { return edits_.state(row); }

void AnnotationSession::change(std::int64_t row, const std::string& field, const std::function<void(QuestionState&)>& edit_state) {
  // Read and write in one transaction: another process's edit of the same question in
  // between can never be overwritten with what this one read before.
  DbTransaction transaction(edits_.connection());
  written_.clear();
  checkCurrent(row);
  Edit edit;
  edit.row = row;
  edit.field = field;
  edit.before = stateOf(row);
  edit.after = edit.before;
  edit_state(edit.after);
  edits_.writeState(row, edit.after);
  edit.history_id = logHistory(row, field, stateText(field, edit.before), stateText(field, edit.after));
  transaction.commit();
  committed();
  done_.push_back(std::move(edit));
  undone_.clear();
}

void AnnotationSession::setAnswer(std::int64_t row, const std::string& answer) {
  change(row, "anser", [&](QuestionState& state) {
    const auto [split_id, record] = edits_.splitAndRecord(row);
    state.answer = answer;
    state.edited_raw = RecordEditor(project_.splitStyle(split_id)).withAnswer(record, answer);
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

void AnnotationSession::setEvidence(std::int64_t row, const std::optional<Evidence>& evidence) {
  change(row, "evidence", [&evidence](QuestionState& state) {
    state.evidence = evidence ? std::optional<std::string>(evidenceJson(*evidence)) : std::nullopt;
  });
}

std::int64_t AnnotationSession::addQuestion(std::int64_t split_id, const NewQuestion& question) {
  if (question.video_id.empty() || question.template_text.empty() || question.answer.empty()) {
    throw AvqaError(project_.path(), "a new question needs a video, a question and an answer");
  }
  DbTransaction transaction(edits_.connection());
  written_.clear();
  AddedQuestionRow added;
  added.split_id = split_id;
  std::tie(added.position, added.question_id) = edits_.nextKeys(split_id);
  added.video_id = edits_.videoKey(question.video_id);
  added.template_id = edits_.templateKey(question.template_text, question.modality, question.question_type);
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
  const std::int64_t row = edits_.insertQuestion(0, added);
  const std::int64_t history_id = logHistory(row, "added", "", question.template_text);
  transaction.commit();
  committed();
  Edit edit;
  edit.history_id = history_id;
  edit.row = row;
  edit.field = "added";
  edit.added = std::move(added);
  done_.push_back(std::move(edit));
  undone_.clear();
  return row;
}

void AnnotationSession::revert(Edit& edit) {
  for (auto part = edit.parts.rbegin(); part != edit.parts.rend(); ++part) revert(*part);  // a group: last first
  if (!edit.parts.empty()) return;
  if (edit.added) {
    edits_.deleteQuestion(edit.row);
    edit.history_id = logHistory(edit.row, "undo added", edit.added->raw, "");
  } else {
    edits_.writeState(edit.row, edit.before);
    edit.history_id = logHistory(edit.row, "undo " + edit.field, stateText(edit.field, edit.after), stateText(edit.field, edit.before));
  }
}

void AnnotationSession::reapply(Edit& edit) {
  for (Edit& part : edit.parts) reapply(part);
  if (!edit.parts.empty()) return;
  if (edit.added) {
    edits_.insertQuestion(edit.row, *edit.added);
    edit.history_id = logHistory(edit.row, "redo added", "", edit.added->raw);
  } else {
    edits_.writeState(edit.row, edit.after);
    edit.history_id = logHistory(edit.row, "redo " + edit.field, stateText(edit.field, edit.before), stateText(edit.field, edit.after));
  }
}

std::int64_t AnnotationSession::undo() {
  if (done_.empty()) return 0;
  DbTransaction transaction(edits_.connection());
  written_.clear();
  checkUntouchedSince(done_.back());  // refused: the edit stays on the undo stack
  Edit edit = std::move(done_.back());
  done_.pop_back();
  revert(edit);
  transaction.commit();
  committed();
  undone_.push_back(std::move(edit));
  return undone_.back().row;
}

std::int64_t AnnotationSession::redo() {
  if (undone_.empty()) return 0;
  DbTransaction transaction(edits_.connection());
  written_.clear();
  checkUntouchedSince(undone_.back());
  Edit edit = std::move(undone_.back());
  undone_.pop_back();
  reapply(edit);
  transaction.commit();
  committed();
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
