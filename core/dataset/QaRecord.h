#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace avqa {

struct QaRecord;
using RecordList = std::vector<const QaRecord*>;  // records analysed together, not owned

// One question/answer record of a MUSIC-AVQA-family file, as read. The parsed fields serve
// analysis and lookup; `raw` keeps the record's original bytes, so unknown fields, key order
// and formatting survive an import -> export round trip untouched.
struct QaRecord {
  std::string video_id;
  std::optional<std::string> question_id;  // as written (numbers as their digits); v2.0 may omit it
  std::string modality;                    // "Audio", "Visual" or "Audio-Visual"
  std::string question_type;               // "Counting", "Location", ...
  std::string question_content;            // the template, placeholders not filled in
  std::vector<std::string> templ_values;
  std::optional<std::string> answer;       // the file's (misspelt) "anser"
  bool deleted = false;                    // question_deleted != 0
  std::optional<std::string> unmatch_audio;  // v2.0: the video whose sound this question plays with

  // Where the record's bytes ('{' to '}') lie in the file it was read from; the bytes between
  // two neighbouring records there are their separator, kept for a byte-identical export.
  struct SourceSpan {
    std::size_t index = 0;   // 0-based record number in the file
    std::size_t offset = 0;  // byte offset of '{'
    std::size_t length = 0;
  };
  std::optional<SourceSpan> source;
  std::string raw;  // the bytes when they are not the source span (edited or new); else empty
};

// "Audio/Counting": the (modality, type) group a record belongs to.
std::string groupKey(const std::string& modality, const std::string& question_type);

}  // namespace avqa
