#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace avqa {

class DbStatement;

// One statement as a back end runs it. Bind indexes are 1-based, column indexes 0-based.
class DbStatementBackend {
 public:
  virtual ~DbStatementBackend() = default;
  virtual void bindInt(int index, std::int64_t value) = 0;
  virtual void bindDouble(int index, double value) = 0;
  // `copy`: false when the caller keeps the bytes alive until the next step (bulk inserts).
  virtual void bindText(int index, std::string_view text, bool copy) = 0;
  virtual void bindBlob(int index, std::string_view bytes, bool copy) = 0;
  virtual void bindNull(int index) = 0;
  virtual bool step() = 0;
  virtual void rewind() = 0;       // ready to run again with the same bindings
  virtual void clearBindings() = 0;
  virtual std::int64_t columnInt(int column) const = 0;
  virtual double columnDouble(int column) const = 0;
  virtual std::string_view columnView(int column) const = 0;  // valid until the next step
  virtual bool columnIsNull(int column) const = 0;
};

// A project's database: an SQLite file (SqliteConnection) or a project on a PostgreSQL
// server (PgProjectConnection). The project's code writes one SQL for both: `?` or `?N`
// parameters, ON CONFLICT upserts, no PRAGMA outside the back ends themselves.
class DbConnection {
 public:
  // MustExist opens an existing project read-only by itself when it cannot be written (a
  // file on a read-only share, a role that may only read): reading works, every write is
  // refused with a message saying why.
  enum class OpenMode { MustExist, CreateIfMissing, ReadOnly };
  enum class Access { ReadWrite, ReadOnly };
  enum class Backend { Sqlite, PostgreSql };

  virtual ~DbConnection() = default;
  DbConnection() = default;
  DbConnection(const DbConnection&) = delete;
  DbConnection& operator=(const DbConnection&) = delete;

  virtual Backend backend() const = 0;
  virtual void exec(const std::string& sql) = 0;
  DbStatement prepare(std::string_view sql);
  virtual std::int64_t lastInsertRowId() = 0;
  virtual std::int64_t changes() const = 0;
  virtual void begin() = 0;  // a write transaction; COMMIT and ROLLBACK through exec
  // The file's path, or the server project's URL (never with a password).
  const std::string& path() const { return path_; }
  Access access() const { return access_; }
  const std::string& readOnlyReason() const { return read_only_reason_; }  // empty when writable
  // Who makes a change, as the back end knows it (the server's role; empty for a file).
  virtual std::string databaseUser() { return {}; }

  // The project's schema version (0: a new, empty project); refuses a database that is not
  // an AVQA Lens project. ProjectSchema runs the migrations through execSchema, written in
  // SQLite's DDL (a server translates the types), then records the version.
  virtual int schemaVersion() = 0;
  virtual void setSchemaVersion(int version) = 0;
  virtual void execSchema(const std::string& sqlite_ddl) = 0;
  // Off for a bulk insert whose keys were all just looked up (SQLite checks row by row).
  virtual void setForeignKeyChecks(bool on) = 0;
  // Ends a SELECT inside a write transaction so that concurrent transactions take other rows:
  // a server locks the rows read and skips rows others hold; a file is locked whole anyway.
  virtual const char* skipLockedRows() const = 0;

 protected:
  virtual std::unique_ptr<DbStatementBackend> prepareBackend(std::string_view sql) = 0;

  std::string path_;
  Access access_ = Access::ReadWrite;
  std::string read_only_reason_;
};

// A prepared statement of either back end.
class DbStatement {
 public:
  explicit DbStatement(std::unique_ptr<DbStatementBackend> backend) : backend_(std::move(backend)) {}

  DbStatement& bind(int index, std::int64_t value) { return backend_->bindInt(index, value), *this; }
  DbStatement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  DbStatement& bind(int index, double value) { return backend_->bindDouble(index, value), *this; }
  DbStatement& bind(int index, std::string_view text) { return backend_->bindText(index, text, true), *this; }
  DbStatement& bindBlob(int index, std::string_view bytes) { return backend_->bindBlob(index, bytes, true), *this; }
  // Without a copy, for bulk inserts: the caller keeps the bytes alive until the next step.
  DbStatement& bindBlobView(int index, std::string_view bytes) { return backend_->bindBlob(index, bytes, false), *this; }
  DbStatement& bindTextView(int index, std::string_view text) { return backend_->bindText(index, text, false), *this; }
  DbStatement& bindOptional(int index, const std::optional<std::string>& text) {
    return text ? bind(index, std::string_view(*text)) : bindNull(index);
  }
  DbStatement& bindOptionalView(int index, const std::optional<std::string>& text) {
    return text ? bindTextView(index, *text) : bindNull(index);
  }
  DbStatement& bindNull(int index) { return backend_->bindNull(index), *this; }

  bool step() { return backend_->step(); }  // true while a row is available
  // Steps a statement that returns no rows, then rewinds it for reuse (bindings stay).
  void run() {
    while (step()) {
    }
    backend_->rewind();
  }
  void reset() {  // also clears the bindings
    backend_->rewind();
    backend_->clearBindings();
  }

  std::int64_t columnInt(int column) const { return backend_->columnInt(column); }
  double columnDouble(int column) const { return backend_->columnDouble(column); }
  std::string columnText(int column) const { return std::string(columnView(column)); }
  std::string_view columnView(int column) const { return backend_->columnView(column); }
  std::optional<std::string> columnOptional(int column) const {
    if (columnIsNull(column)) return std::nullopt;
    return columnText(column);
  }
  bool columnIsNull(int column) const { return backend_->columnIsNull(column); }

 private:
  std::unique_ptr<DbStatementBackend> backend_;
};

inline DbStatement DbConnection::prepare(std::string_view sql) { return DbStatement(prepareBackend(sql)); }

// A write transaction; rolls back when left without commit() (an exception).
class DbTransaction {
 public:
  explicit DbTransaction(DbConnection& connection) : connection_(connection) { connection_.begin(); }
  ~DbTransaction() {
    if (!open_) return;
    try {
      connection_.exec("ROLLBACK");
    } catch (...) {  // nothing more can be done while unwinding; a server rolls back by itself
    }
  }
  DbTransaction(const DbTransaction&) = delete;
  DbTransaction& operator=(const DbTransaction&) = delete;
  void commit() {
    connection_.exec("COMMIT");
    open_ = false;
  }

 private:
  DbConnection& connection_;
  bool open_ = true;
};

}  // namespace avqa
