#pragma once

#include <string>
#include <vector>

#include "dataset/PyJsonStyle.h"
#include "dataset/QaRecord.h"

namespace avqa {

// A parsed question file plus everything needed to write it back byte for byte:
// the bytes before the first record, each record's leading separator, and the tail.
struct MusicAvqaFile {
  std::string source_path;
  std::vector<QaRecord> records;
  std::string first_lead;  // "[\n  " in indent=2 files, "[" in one-line files
  std::string tail;        // "\n]" (plus whatever followed it)
  PyJsonStyle style;
};

// Parses a MUSIC-AVQA-family file (original, json_update, v2.0, -R). Throws AvqaError naming
// `source_path` with line and column for malformed JSON, a top level that is not a list,
// non-object records, records missing "video_id" or "question_content", and invalid UTF-8.
MusicAvqaFile parseMusicAvqaText(const std::string& text, const std::string& source_path);
MusicAvqaFile readMusicAvqaFile(const std::string& path);

// Concatenates records back into file bytes: the original layout for original records,
// the detected style for new or moved ones.
std::string writeMusicAvqaText(const std::vector<const QaRecord*>& records,
                               const std::string& first_lead, const std::string& tail,
                               const PyJsonStyle& style);

}  // namespace avqa
