#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "dataset/MusicAvqaFile.h"

namespace avqa {

struct DuplicatedQuestionId {
  std::string question_id;
  std::size_t records = 0;           // how many records carry it
  std::size_t distinct_answers = 0;  // > 1: the records disagree
};

// What an import read: counts, and the records a user must know about (all of them kept).
struct ImportSummary {
  std::size_t records = 0;
  std::size_t videos = 0;
  std::size_t templates = 0;
  std::size_t answers = 0;
  std::vector<DuplicatedQuestionId> duplicated_ids;   // in order of first appearance
  std::vector<std::size_t> records_without_id;         // 1-based record numbers
};

ImportSummary summarizeImport(const MusicAvqaFile& file);

// Split name from a file name: the stem without a leading "avqa-" ("avqa-test.json" -> "test").
std::string defaultSplitName(const std::string& path);

}  // namespace avqa
