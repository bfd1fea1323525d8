#pragma once

namespace avqa {

class SqliteConnection;

// The project file's schema: PRAGMA user_version holds its version; each migration moves a
// file one version up inside the caller's transaction. A file from a newer app is refused.
class ProjectSchema {
 public:
  static constexpr int kApplicationId = 0x41565141;  // "AVQA", so `file` and we can tell it
  static int latestVersion();

  // Brings the database to the latest version; throws AvqaError for foreign or newer files.
  static void migrate(SqliteConnection& connection);
};

}  // namespace avqa
