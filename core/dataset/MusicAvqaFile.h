#pragma once

#include <string>
#include <vector>

#include "dataset/PyJsonStyle.h"
#include "dataset/QaRecord.h"

namespace avqa {

// A parsed question file: its original bytes, the records read from them and the layout
// json.dump gave it, which is all a byte-identical export needs.
struct MusicAvqaFile {
  std::string source_path;
  std::string text;  // the file's bytes, as read
  std::vector<QaRecord> records;
  PyJsonStyle style;

  std::string_view rawOf(const QaRecord& record) const;
  std::string toText() const;  // all records, in order
};

// Parses a MUSIC-AVQA-family file (original, json_update, v2.0, -R). Throws AvqaError naming
// `source_path` with line and column for malformed JSON, a top level that is not a list,
// non-object records, records missing "video_id" or "question_content", and invalid UTF-8.
MusicAvqaFile parseMusicAvqaText(std::string text, const std::string& source_path);
MusicAvqaFile readMusicAvqaFile(const std::string& path);

// Writes records back as file bytes. A record keeps its original bytes (or its edited `raw`),
// and the separator before it when it follows its original predecessor; records in a new
// place get json.dump's separators in `style`. `source_text` holds `source_records` records.
std::string writeMusicAvqaText(std::string_view source_text, std::size_t source_records,
                               const PyJsonStyle& style,
                               const std::vector<const QaRecord*>& records);

}  // namespace avqa
