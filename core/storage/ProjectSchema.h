#pragma once

namespace avqa {

class DbConnection;

// The project's schema: a file keeps its version in PRAGMA user_version, a server project in
// the registry table; each migration moves a project one version up, all in one transaction.
// A project from a newer app is refused.
class ProjectSchema {
 public:
  static constexpr int kApplicationId = 0x41565141;  // "AVQA", so `file` and we can tell it
  static int latestVersion();
  // The SQL (SQLite's DDL) that moves a project from `version` to `version` + 1.
  static const char* migrationSql(int version);

  // Brings the database to the latest version; throws AvqaError for foreign or newer files.
  static void migrate(DbConnection& connection);
};

}  // namespace avqa
