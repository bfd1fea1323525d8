#pragma once

#include <memory>
#include <string>

#include "storage/DbConnection.h"
#include "storage/PgConnection.h"

namespace avqa {

// A project on a PostgreSQL server, as a DbConnection: the project's tables live in the
// schema avqa_project_NAME (found through search_path, so the project's SQL names them as in
// a file), and the registry table avqa_projects holds each project's schema version.
class PgProjectConnection : public DbConnection {
 public:
  PgProjectConnection(const std::string& url, OpenMode mode);

  Backend backend() const override { return Backend::PostgreSql; }
  void exec(const std::string& sql) override;
  std::int64_t lastInsertRowId() override;
  std::int64_t changes() const override { return changes_; }
  void begin() override { server_.exec("BEGIN"); }
  std::string databaseUser() override;
  int schemaVersion() override;
  void setSchemaVersion(int version) override;
  void execSchema(const std::string& sqlite_ddl) override;
  const char* skipLockedRows() const override { return " FOR UPDATE SKIP LOCKED"; }
  void setForeignKeyChecks(bool) override {}  // the server checks as it goes; cheap enough
  PgConnection& server() { return server_; }
  const std::string& project() const { return project_; }

  // Runs `sql` with `?`/`?N` parameters (the project's SQL) and records how many rows it changed.
  PgResult run(const std::string& postgres_sql, const std::vector<PgConnection::TypedParam>& params);

 protected:
  std::unique_ptr<DbStatementBackend> prepareBackend(std::string_view sql) override;

 private:
  ServerProjectUrl url_;
  PgConnection server_;
  std::string project_;
  std::int64_t changes_ = 0;
};

// The project's SQL with `?` and `?N` parameters written as PostgreSQL's `$N`.
std::string postgresParameters(std::string_view sql);
// A migration's DDL, written for SQLite, in PostgreSQL's types (INTEGER PRIMARY KEY becomes an
// identity column, BLOB bytea, REAL double precision).
std::string postgresDdl(const std::string& sqlite_ddl);
// The server schema's name for a project, and the registry of projects on a server.
std::string serverSchemaName(const std::string& project);
void ensureProjectRegistry(PgConnection& server);

}  // namespace avqa
