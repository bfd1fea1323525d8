#include "storage/ProjectCheck.h"

#include <sqlite3.h>

#include <filesystem>
#include <limits>

#include "common/AvqaError.h"
#include "storage/ProjectStore.h"
#include "storage/SqliteConnection.h"

namespace avqa {
namespace {

std::vector<std::string> integrityProblems(DbConnection& connection) {
  std::vector<std::string> problems;
  try {
    DbStatement check = connection.prepare("PRAGMA integrity_check(100)");
    while (check.step()) {
      const std::string line = check.columnText(0);
      if (line != "ok") problems.push_back(line);
    }
  } catch (const AvqaError& error) {
    problems.push_back(error.problem());  // damage bad enough to stop the check itself
  }
  return problems;
}

std::vector<std::string> columnsOf(DbConnection& connection, const std::string& schema, const std::string& table) {
  std::vector<std::string> columns;
  try {
    DbStatement info = connection.prepare("PRAGMA " + schema + ".table_info(\"" + table + "\")");
    while (info.step()) columns.push_back(info.columnText(1));
  } catch (const AvqaError&) {
  }
  return columns;
}

std::string quotedList(const std::vector<std::string>& names) {
  std::string list;
  for (const std::string& name : names) list += (list.empty() ? "\"" : ", \"") + name + "\"";
  return list;
}

// Copies what can be read of one table. A whole-table copy first; when a damaged page stops
// it, row by row in rowid order, jumping ever further past rowids that cannot be read.
std::int64_t copyReadableRows(DbConnection& recovered, const std::string& table) {
  const std::vector<std::string> target = columnsOf(recovered, "main", table);
  const std::vector<std::string> source = columnsOf(recovered, "damaged", table);
  std::vector<std::string> common;
  for (const std::string& column : target) {
    for (const std::string& other : source) {
      if (column == other) common.push_back(column);
    }
  }
  if (common.empty()) return 0;
  const std::string columns = quotedList(common);
  const std::string insert = "INSERT OR IGNORE INTO main.\"" + table + "\"(" + columns + ") SELECT " + columns +
                             " FROM damaged.\"" + table + "\"";
  try {
    recovered.exec(insert);  // one statement: all of it, or (on a damaged page) nothing
    DbStatement count = recovered.prepare("SELECT count(*) FROM main.\"" + table + "\"");
    return count.step() ? count.columnInt(0) : 0;
  } catch (const AvqaError&) {
  }
  std::int64_t copied = 0;
  std::int64_t after = std::numeric_limits<std::int64_t>::min();
  std::int64_t jump = 1;
  constexpr std::int64_t kGiveUpPast = std::int64_t(1) << 40;
  while (after < kGiveUpPast) {
    std::int64_t rowid = 0;
    try {
      DbStatement next =
          recovered.prepare("SELECT rowid FROM damaged.\"" + table + "\" WHERE rowid > ? ORDER BY rowid LIMIT 1");
      next.bind(1, after);
      if (!next.step()) break;  // past the last readable row
      rowid = next.columnInt(0);
      if (rowid <= after) throw AvqaError("", "rowids out of order");  // a damaged b-tree can loop
      jump = 1;
    } catch (const AvqaError&) {
      after = (after < 0 ? 0 : after) + jump;  // skip the unreadable stretch
      jump *= 2;
      continue;
    }
    try {
      DbStatement one = recovered.prepare(insert + " WHERE rowid = ?");
      one.bind(1, rowid).run();
      copied += recovered.changes();
    } catch (const AvqaError&) {
    }
    after = rowid;
  }
  return copied;
}

}  // namespace

ProjectCheckReport checkProject(const std::string& path, const std::string& recovered_path) {
  ProjectCheckReport report;
  {
    SqliteConnection damaged(path, DbConnection::OpenMode::ReadOnly);
    report.problems = integrityProblems(damaged);
    if (report.problems.empty()) {
      try {
        ProjectStore project(path, DbConnection::OpenMode::ReadOnly);  // also checks it is ours
        return report;
      } catch (const AvqaError& error) {
        report.problems.push_back(error.problem());
      }
    }
  }
  report.state = ProjectCheckReport::State::Damaged;
  if (std::filesystem::exists(recovered_path)) {
    throw AvqaError(recovered_path, "exists already; the copy of what is readable is written only to a new file");
  }
  report.recovered_path = recovered_path;
  std::vector<std::string> tables;
  {
    ProjectStore fresh(recovered_path, DbConnection::OpenMode::CreateIfMissing);
    DbStatement names = fresh.connection().prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid");
    while (names.step()) tables.push_back(names.columnText(0));
  }
  SqliteConnection recovered(recovered_path, DbConnection::OpenMode::MustExist);
  DbStatement attach = recovered.prepare("ATTACH DATABASE ? AS damaged");
  attach.bind(1, std::string_view(SqliteConnection::readOnlyUri(path))).run();
  recovered.exec("PRAGMA synchronous = OFF");  // a new file: a crash means running check again
  for (const std::string& table : tables) report.recovered.push_back({table, copyReadableRows(recovered, table)});
  return report;
}

}  // namespace avqa
