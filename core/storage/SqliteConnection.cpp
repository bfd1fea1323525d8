#include "storage/SqliteConnection.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/AvqaError.h"
#include "storage/PgConnection.h"
#include "storage/ProjectSchema.h"

namespace avqa {

namespace {

// A path as an SQLite URI ("file:" + percent-encoded path), so that read-only options can be
// given; characters with a meaning in URIs are escaped.
std::string fileUri(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c == '&' || c == '=' || c <= ' ' || c >= 0x7F) {
      uri += '%';
      uri += hex[c >> 4];
      uri += hex[c & 0xF];
    } else {
      uri += static_cast<char>(c);
    }
  }
  return uri;
}

std::string folderOf(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
}

bool hasWriteAheadLog(const std::string& path) {
  struct stat info {};
  return ::stat((path + "-wal").c_str(), &info) == 0 && info.st_size > 0;
}

}  // namespace

std::string SqliteConnection::readOnlyUri(const std::string& path) {
  // Without a write-ahead log beside it the file is complete: immutable=1 reads it without
  // the -shm file a read-only folder could not hold. With one, its frames must be read too.
  return fileUri(path) + (hasWriteAheadLog(path) ? "?mode=ro" : "?mode=ro&immutable=1");
}

SqliteConnection::SqliteConnection(const std::string& path, OpenMode mode) {
  path_ = path;
  // Memory statistics take a global mutex on every SQLite allocation (4 % of a bulk import)
  // and nothing reads them. Only possible before SQLite's first use; later calls are no-ops.
  [[maybe_unused]] static const int memory_statistics_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  if (isServerUrl(path)) {
    throw AvqaError(parseServerUrl(path).shown, "is a server project, not a project file");
  }
  struct stat info {};
  const bool exists = ::stat(path.c_str(), &info) == 0;
  if (exists && S_ISDIR(info.st_mode)) throw AvqaError(path, "is a directory, not a project file");
  if (!exists && mode != OpenMode::CreateIfMissing) throw AvqaError(path, "no such project file");
  if (mode == OpenMode::ReadOnly) {
    read_only_reason_ = "opened read-only";
  } else if (exists && isServerSnapshot(path)) {
    read_only_reason_ = "a snapshot of a server project: change the project on the server (pull, edit, push --replace)";
  } else if (exists && ::access(path.c_str(), W_OK) != 0) {
    read_only_reason_ = "the file is not writable";
  } else if (exists && ::access(folderOf(path).c_str(), W_OK) != 0) {
    read_only_reason_ = "its folder is not writable (SQLite needs to create its journal there)";
  }
  if (!read_only_reason_.empty()) {
    openReadOnly();
    return;
  }
  // URIs on, so that ATTACH can open another file read-only; a plain path is used as a URI
  // ("file:" + escaped path) so that no file name is taken for URI syntax.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  if (mode == OpenMode::CreateIfMissing) flags |= SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(fileUri(path).c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "cannot open";
    sqlite3_close(db_);
    db_ = nullptr;
    throw AvqaError(path, "cannot open project: " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
}

void SqliteConnection::openReadOnly() {
  access_ = Access::ReadOnly;
  const bool has_wal = hasWriteAheadLog(path_);
  const std::string uri = readOnlyUri(path_);
  const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(uri.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    const std::string message = db_ ? sqlite3_errmsg(db_) : "cannot open";
    sqlite3_close(db_);
    db_ = nullptr;
    throw AvqaError(path_, "cannot open project read-only (" + read_only_reason_ + "): " + message);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
  if (has_wal && sqlite3_exec(db_, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) != SQLITE_OK) {
    const std::string message = sqlite3_errmsg(db_);
    sqlite3_close(db_);
    db_ = nullptr;
    throw AvqaError(path_, "is read-only (" + read_only_reason_ + ") and holds unfinished writes in " + path_ +
                               "-wal that cannot be read without write access (" + message +
                               "); open it once where it is writable");
  }
}

SqliteConnection::~SqliteConnection() { sqlite3_close(db_); }

void SqliteConnection::fail(const std::string& what) const {
  const int code = sqlite3_errcode(db_);
  if ((code & 0xFF) == SQLITE_NOTADB) {
    throw AvqaError(path_, "is not an AVQA Lens project (not an SQLite database)");
  }
  if ((code & 0xFF) == SQLITE_CORRUPT) {
    throw AvqaError(path_, "project file is damaged (" + std::string(sqlite3_errmsg(db_)) +
                               "); `avqa-lens check` saves what is still readable");
  }
  if ((code & 0xFF) == SQLITE_READONLY) {
    const std::string reason = read_only_reason_.empty() ? sqlite3_errmsg(db_) : read_only_reason_;
    throw AvqaError(path_, "is read-only (" + reason + "): the change was not stored");
  }
  if ((code & 0xFF) == SQLITE_FULL || code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
      code == SQLITE_IOERR_TRUNCATE || code == SQLITE_IOERR_SHMSIZE) {
    throw AvqaError(path_, "could not be written (" + std::string(sqlite3_errmsg(db_)) +
                               ": the disk may be full); the project is as it was before this change");
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

namespace {

int readPragmaInt(SqliteConnection& connection, const char* pragma) {
  DbStatement statement = connection.prepare(std::string("PRAGMA ") + pragma);
  return statement.step() ? static_cast<int>(statement.columnInt(0)) : 0;
}

}  // namespace

int SqliteConnection::schemaVersion() {
  if (readPragmaInt(*this, "application_id") != ProjectSchema::kApplicationId) {
    DbStatement tables = prepare("SELECT count(*) FROM sqlite_master");
    if (tables.step() && tables.columnInt(0) > 0) throw AvqaError(path_, "is an SQLite database but not an AVQA Lens project");
  }
  return readPragmaInt(*this, "user_version");
}

void SqliteConnection::setSchemaVersion(int version) {
  exec("PRAGMA application_id = " + std::to_string(ProjectSchema::kApplicationId));
  exec("PRAGMA user_version = " + std::to_string(version));
}

std::int64_t SqliteConnection::lastInsertRowId() { return sqlite3_last_insert_rowid(db_); }
std::int64_t SqliteConnection::changes() const { return sqlite3_changes(db_); }

namespace {

class SqliteStatementBackend : public DbStatementBackend {
 public:
  SqliteStatementBackend(const SqliteConnection& connection, sqlite3_stmt* statement)
      : connection_(connection), statement_(statement) {}
  ~SqliteStatementBackend() override { sqlite3_finalize(statement_); }

  void bindInt(int index, std::int64_t value) override { check(sqlite3_bind_int64(statement_, index, value)); }
  void bindDouble(int index, double value) override { check(sqlite3_bind_double(statement_, index, value)); }
  void bindText(int index, std::string_view text, bool copy) override {
    check(sqlite3_bind_text(statement_, index, text.data(), static_cast<int>(text.size()), copy ? SQLITE_TRANSIENT : SQLITE_STATIC));
  }
  void bindBlob(int index, std::string_view bytes, bool copy) override {
    check(sqlite3_bind_blob(statement_, index, bytes.data(), static_cast<int>(bytes.size()), copy ? SQLITE_TRANSIENT : SQLITE_STATIC));
  }
  void bindNull(int index) override { check(sqlite3_bind_null(statement_, index)); }

  bool step() override {
    const int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW) return true;
    if (result == SQLITE_DONE) return false;
    connection_.fail("database error");
  }
  void rewind() override { sqlite3_reset(statement_); }
  void clearBindings() override { sqlite3_clear_bindings(statement_); }

  std::int64_t columnInt(int column) const override { return sqlite3_column_int64(statement_, column); }
  double columnDouble(int column) const override { return sqlite3_column_double(statement_, column); }
  std::string_view columnView(int column) const override {
    const void* data = sqlite3_column_blob(statement_, column);
    const int size = sqlite3_column_bytes(statement_, column);
    if (!data) return {};
    return {static_cast<const char*>(data), static_cast<std::size_t>(size)};
  }
  bool columnIsNull(int column) const override { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

 private:
  void check(int result) const {
    if (result != SQLITE_OK) connection_.fail("bind");
  }

  const SqliteConnection& connection_;
  sqlite3_stmt* statement_;
};

}  // namespace

std::unique_ptr<DbStatementBackend> SqliteConnection::prepareBackend(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK) {
    fail("database error");
  }
  return std::make_unique<SqliteStatementBackend>(*this, statement);
}

}  // namespace avqa
