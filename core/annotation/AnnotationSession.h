#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/AvqaError.h"
#include "dataset/EvidenceFile.h"
#include "storage/ProjectStore.h"
#include "storage/QuestionEdits.h"

namespace avqa {

// A question an annotator adds: from a template with its slot values, or free text (then
// `template_text` is the whole question and `free_text` marks it).
struct NewQuestion {
  std::string video_id;
  std::string template_text;
  std::string modality;
  std::string question_type;
  std::vector<std::string> values;
  std::string answer;
  bool free_text = false;
};

// An edit (or undo) of a question someone else changed since this session last read it:
// refused, nothing stored. The message names who changed it, when, and to what.
class StaleEditError : public AvqaError {
 public:
  StaleEditError(const std::string& project, std::int64_t row, const HistoryEntry& change);
  std::int64_t row() const { return row_; }
  const HistoryEntry& change() const { return change_; }

 private:
  std::int64_t row_;
  HistoryEntry change_;
};

// Annotation edits with undo and redo. Every edit, undo and redo is its own transaction,
// committed before the call returns, and written to the question history (who, when, what):
// there is no "save" to forget. The undo stack lives as long as the session (one window).
// Several sessions may edit one project at once (processes, machines on a server project):
// an edit of a question another session changed since this one read it is refused
// (StaleEditError), never a silent overwrite; undo takes back this session's own edits only.
class AnnotationSession {
 public:
  AnnotationSession(ProjectStore& project, std::string who);
  void setWho(std::string who);  // the author of the edits from now on
  // As the history records it: the name, and on a server the database role when it differs.
  const std::string& who() const { return author_; }
  const std::string& name() const { return who_; }  // without the database role
  // The rows shown are current again (a reload): edits of what was changed until now are allowed.
  void markSeen();
  // ... up to history entry `history_id` (the rows were read when it was the newest).
  void markSeen(std::int64_t history_id);
  bool isOwnChange(std::int64_t history_id) const { return own_history_ids_.count(history_id) > 0; }

  std::int64_t addQuestion(std::int64_t split_id, const NewQuestion& question);  // its row
  void setAnswer(std::int64_t row, const std::string& answer);
  void remove(std::int64_t row);
  void setFlags(std::int64_t row, int flags);
  void setNote(std::int64_t row, const std::string& note);
  // Where the answer lies, drawn by the annotator (nullopt: take it away); kept in the
  // project, used by `audit`, `run` and the windows in place of a benchmark's file.
  void setEvidence(std::int64_t row, const std::optional<Evidence>& evidence);

  bool canUndo() const { return !done_.empty(); }
  bool canRedo() const { return !undone_.empty(); }
  std::string undoText() const;  // "answer", "new question", ... for the Edit menu
  std::string redoText() const;
  std::int64_t undo();  // the row it changed
  std::int64_t redo();

  QuestionState stateOf(std::int64_t row);

  // The edits made since `done_count()` was `first` undo and redo as one (e.g. a flip of a
  // whole video); `description` names it in the Edit menu.
  std::size_t doneCount() const { return done_.size(); }
  void groupSince(std::size_t first, const std::string& description);

 private:
  struct Edit {
    std::int64_t row = 0;
    std::string field;  // "anser", "removed", "flags", "note", "evidence", "added"
    QuestionState before, after;
    std::optional<AddedQuestionRow> added;
    std::vector<Edit> parts;  // a group of edits undone and redone together
    std::int64_t history_id = 0;  // this session's newest history entry of the row for it (edit, undo or redo)
  };

  void change(std::int64_t row, const std::string& field, const std::function<void(QuestionState&)>& edit_state);
  void revert(Edit& edit);   // inside the caller's transaction
  void reapply(Edit& edit);
  std::int64_t logHistory(std::int64_t row, const std::string& field, const std::string& old_value, const std::string& new_value) {
    written_.emplace_back(row, edits_.logHistory(row, author_, field, old_value, new_value));
    return written_.back().second;
  }
  // Inside the transaction: locks the question and refuses when another session changed it
  // since this one read it.
  void checkCurrent(std::int64_t row);
  // For undo and redo: locks the rows `edit` changed and refuses when anyone changed one
  // after this session's own entry for it (seen or not: undo must not overwrite it).
  void checkUntouchedSince(const Edit& edit);
  void refuseChangesByOthers(std::int64_t row, std::int64_t after_history_id);
  void committed();  // this session's own history entries are now what it has seen
  static std::string describe(const Edit& edit);

  ProjectStore& project_;
  QuestionEdits edits_;  // every statement an edit needs (core/storage)
  std::string who_;
  std::string role_;    // the server's database role; empty for a file
  std::string author_;  // who_, with role_ when it differs
  std::int64_t seen_history_id_ = 0;                           // history read up to here
  std::unordered_map<std::int64_t, std::int64_t> seen_rows_;   // and a row to here, after this session's own edits
  std::vector<std::pair<std::int64_t, std::int64_t>> written_;  // (row, history id) of the open transaction
  std::unordered_set<std::int64_t> own_history_ids_;
  std::vector<Edit> done_;
  std::vector<Edit> undone_;
};

}  // namespace avqa
