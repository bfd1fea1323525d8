#include "storage/SqliteConnection.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "common/AvqaError.h"

namespace avqa {

SqliteConnection::SqliteConnection(const std::string& path, OpenMode mode) : path_(path) {
  struct stat info {};
  const bool exists = ::stat(path.c_str(), &info) == 0;
  if (exists && S_ISDIR(info.st_mode)) throw AvqaError(path, "is a directory, not a project file");
  if (!exists && mode == OpenMode::MustExist) throw AvqaError(path, "no such project file");
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::CreateIfMissing) flags |= SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "cannot open";
    sqlite3_close(db_);
    db_ = nullptr;
    throw AvqaError(path, "cannot open project: " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
}

SqliteConnection::~SqliteConnection() { sqlite3_close(db_); }

void SqliteConnection::fail(const std::string& what) const {
  const int code = sqlite3_errcode(db_);
  if ((code & 0xFF) == SQLITE_NOTADB) {
    throw AvqaError(path_, "is not an AVQA Lens project (not an SQLite database)");
  }
  if ((code & 0xFF) == SQLITE_CORRUPT) {
    throw AvqaError(path_, "project file is damaged (" + std::string(sqlite3_errmsg(db_)) + ")");
  }
  throw AvqaError(path_, what + ": " + sqlite3_errmsg(db_));
}

void SqliteConnection::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    sqlite3_free(message);
    fail("database error");
  }
}

SqliteStatement SqliteConnection::prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) !=
      SQLITE_OK) {
    fail("database error");
  }
  return SqliteStatement(*this, statement);
}

std::int64_t SqliteConnection::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int SqliteConnection::changes() const { return sqlite3_changes(db_); }

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : connection_(other.connection_), statement_(other.statement_) {
  other.statement_ = nullptr;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) connection_->fail("bind");
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value) {
  if (sqlite3_bind_double(statement_, index, value) != SQLITE_OK) connection_->fail("bind");
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    connection_->fail("bind");
  }
  return *this;
}

SqliteStatement& SqliteStatement::bindBlob(int index, std::string_view bytes) {
  if (sqlite3_bind_blob(statement_, index, bytes.data(), static_cast<int>(bytes.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK) {
    connection_->fail("bind");
  }
  return *this;
}

SqliteStatement& SqliteStatement::bindBlobView(int index, std::string_view bytes) {
  if (sqlite3_bind_blob(statement_, index, bytes.data(), static_cast<int>(bytes.size()),
                        SQLITE_STATIC) != SQLITE_OK) {
    connection_->fail("bind");
  }
  return *this;
}

SqliteStatement& SqliteStatement::bindTextView(int index, std::string_view text) {
  if (sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()),
                        SQLITE_STATIC) != SQLITE_OK) {
    connection_->fail("bind");
  }
  return *this;
}

SqliteStatement& SqliteStatement::bindOptional(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bindNull(index);
}

SqliteStatement& SqliteStatement::bindOptionalView(int index, const std::optional<std::string>& text) {
  return text ? bindTextView(index, *text) : bindNull(index);
}

SqliteStatement& SqliteStatement::bindNull(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) connection_->fail("bind");
  return *this;
}

bool SqliteStatement::step() {
  const int result = sqlite3_step(statement_);
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  connection_->fail("database error");
}

void SqliteStatement::run() {
  while (step()) {
  }
  sqlite3_reset(statement_);  // bindings stay: the next run binds every parameter again
}

void SqliteStatement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::int64_t SqliteStatement::columnInt(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double SqliteStatement::columnDouble(int column) const {
  return sqlite3_column_double(statement_, column);
}

std::string_view SqliteStatement::columnView(int column) const {
  const void* data = sqlite3_column_blob(statement_, column);
  const int size = sqlite3_column_bytes(statement_, column);
  if (!data) return {};
  return {static_cast<const char*>(data), static_cast<std::size_t>(size)};
}

std::string SqliteStatement::columnText(int column) const { return std::string(columnView(column)); }

std::optional<std::string> SqliteStatement::columnOptional(int column) const {
  if (columnIsNull(column)) return std::nullopt;
  return columnText(column);
}

bool SqliteStatement::columnIsNull(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

SqliteTransaction::SqliteTransaction(SqliteConnection& connection) : connection_(connection) {
  connection_.exec("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction() {
  if (open_) {
    try {
      connection_.exec("ROLLBACK");
    } catch (...) {  // nothing more can be done while unwinding
    }
  }
}

void SqliteTransaction::commit() {
  connection_.exec("COMMIT");
  open_ = false;
}

}  // namespace avqa
