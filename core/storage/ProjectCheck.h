#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace avqa {

// What `avqa-lens check` found in a project file, and what it saved of a damaged one.
struct ProjectCheckReport {
  enum class State { Intact, Damaged };
  struct TableRows {
    std::string table;
    std::int64_t recovered = 0;
  };

  State state = State::Intact;
  std::vector<std::string> problems;  // SQLite's integrity_check lines, or why it could not run
  std::string recovered_path;         // empty when intact
  std::vector<TableRows> recovered;   // per table of the project schema, in schema order
};

// Runs SQLite's integrity check on `path` (opened read-only: the damaged file is never
// changed). When it finds damage, writes a new project at `recovered_path` holding every row
// that can still be read, table by table, skipping unreadable pages. Throws AvqaError when
// `path` is no SQLite file at all, or when `recovered_path` exists or cannot be written.
ProjectCheckReport checkProject(const std::string& path, const std::string& recovered_path);

}  // namespace avqa
