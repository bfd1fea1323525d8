#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "storage/DbConnection.h"

struct sqlite3;

namespace avqa {

// A project file: one SQLite connection. Errors become AvqaError naming the database file.
class SqliteConnection : public DbConnection {
 public:
  SqliteConnection(const std::string& path, OpenMode mode);
  ~SqliteConnection() override;

  Backend backend() const override { return Backend::Sqlite; }
  void exec(const std::string& sql) override;
  std::int64_t lastInsertRowId() override;
  std::int64_t changes() const override;
  void begin() override { exec("BEGIN IMMEDIATE"); }
  int schemaVersion() override;
  void setSchemaVersion(int version) override;
  void execSchema(const std::string& sqlite_ddl) override { exec(sqlite_ddl); }
  const char* skipLockedRows() const override { return ""; }  // BEGIN IMMEDIATE: one writer at a time
  void setForeignKeyChecks(bool on) override { exec(on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF"); }
  [[noreturn]] void fail(const std::string& what) const;
  // `path` as an SQLite URI that opens it read-only without writing anything beside it.
  static std::string readOnlyUri(const std::string& path);

 protected:
  std::unique_ptr<DbStatementBackend> prepareBackend(std::string_view sql) override;

 private:
  void openReadOnly();

  sqlite3* db_ = nullptr;
};

}  // namespace avqa
