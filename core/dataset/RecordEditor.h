#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dataset/PyJsonStyle.h"
#include "dataset/QaRecord.h"

namespace avqa {

// Writes edits into a record's bytes the way json.dump would have written the edited record
// in its file's style: members keep their order and untouched values keep their bytes.
class RecordEditor {
 public:
  explicit RecordEditor(PyJsonStyle style) : style_(std::move(style)) {}

  // Sets the answer ("anser"), adding the member at the end when the record has none.
  std::string withAnswer(std::string_view raw_record, const std::string& answer) const;

  // Sets templ_values, keeping its kind: a string holding a list, or a real list (v2.0).
  std::string withTemplValues(std::string_view raw_record,
                              const std::vector<std::string>& values) const;

  // A new record in MUSIC-AVQA key order (video_id, question_id, type, question_content,
  // templ_values, question_deleted, anser).
  std::string compose(const QaRecord& record) const;

  // Replaces (or appends) one member whose value is given as serialized JSON.
  std::string withMember(std::string_view raw_record, const std::string& key,
                         const std::string& value_json) const;

 private:
  PyJsonStyle style_;
};

}  // namespace avqa
