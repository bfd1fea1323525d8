#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/ProjectStore.h"

namespace avqa {

// What an edit of an existing question changes, and what its undo puts back.
struct QuestionState {
  std::optional<std::string> answer;
  std::optional<std::string> edited_raw;  // the record's bytes once edited
  bool removed = false;
  int flags = 0;
  std::optional<std::string> note;
  std::optional<std::string> evidence;  // an annotator's evidence (evidenceJson); none: not drawn
  bool operator==(const QuestionState& other) const {
    return answer == other.answer && edited_raw == other.edited_raw && removed == other.removed && flags == other.flags &&
           note == other.note && evidence == other.evidence;
  }
};

// One line of a question's edit history.
struct HistoryEntry {
  std::int64_t id = 0;
  std::string changed_at;
  std::string changed_by;
  std::string field;  // "anser", "flags", "note", "removed", "added", "undo anser", ...
  std::string old_value;
  std::string new_value;
};

// Everything needed to insert an added question (again, on redo).
struct AddedQuestionRow {
  std::int64_t split_id = 0, position = 0, video_id = 0, template_id = 0;
  std::string question_id, templ_values, answer, raw;
  bool free_text = false;
};

// The statements annotation needs, in one place with the rest of the project's SQL: a
// question's editable state, its history, added questions. The caller opens the transaction
// (DbTransaction on connection()) so that reading and writing an edit is one unit.
class QuestionEdits {
 public:
  explicit QuestionEdits(ProjectStore& project) : project_(project), connection_(project.connection()) {}

  DbConnection& connection() { return connection_; }
  QuestionState state(std::int64_t row);
  void writeState(std::int64_t row, const QuestionState& state);
  // Returns the history entry's id.
  std::int64_t logHistory(std::int64_t row, const std::string& who, const std::string& field, const std::string& old_value,
                          const std::string& new_value);
  // Holds the question's row until the transaction ends, so that two annotators' edits of one
  // question follow each other (a server locks the row; a file is locked whole).
  void lockQuestion(std::int64_t row);
  std::int64_t latestHistoryId();
  // The question's changes after history entry `after`, newest first.
  std::vector<HistoryEntry> changesSince(std::int64_t row, std::int64_t after);
  // The question's split and its record's current bytes (edited, or as imported).
  std::pair<std::int64_t, std::string> splitAndRecord(std::int64_t row);
  // The next position in the split and the next numeric question_id there.
  std::pair<std::int64_t, std::string> nextKeys(std::int64_t split_id);
  std::int64_t videoKey(const std::string& name);  // the video's row, added when new
  std::int64_t templateKey(const std::string& text, const std::string& modality, const std::string& question_type);
  // Inserts under `row` (redo) or a new key (row 0); returns the question's row.
  std::int64_t insertQuestion(std::int64_t row, const AddedQuestionRow& added);
  void deleteQuestion(std::int64_t row);

 private:
  std::int64_t lookupOrInsert(const char* select, const char* insert, std::initializer_list<std::string_view> keys);

  ProjectStore& project_;
  DbConnection& connection_;
};

// A question's history, newest first.
std::vector<HistoryEntry> questionHistory(ProjectStore& project, std::int64_t row);

}  // namespace avqa
