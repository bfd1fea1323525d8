#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace avqa {

class SqliteStatement;

// Owns one SQLite connection. Errors become AvqaError naming the database file.
class SqliteConnection {
 public:
  // MustExist opens an existing file read-only by itself when the file or its folder is not
  // writable (a copy from a read-only share, a colleague's file): reading works, every write
  // is refused with a message saying why.
  enum class OpenMode { MustExist, CreateIfMissing, ReadOnly };
  enum class Access { ReadWrite, ReadOnly };

  SqliteConnection(const std::string& path, OpenMode mode);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  void exec(const std::string& sql);
  SqliteStatement prepare(std::string_view sql);
  std::int64_t lastInsertRowId() const;
  int changes() const;
  const std::string& path() const { return path_; }
  Access access() const { return access_; }
  const std::string& readOnlyReason() const { return read_only_reason_; }  // empty when writable
  [[noreturn]] void fail(const std::string& what) const;
  // `path` as an SQLite URI that opens it read-only without writing anything beside it.
  static std::string readOnlyUri(const std::string& path);

 private:
  void openReadOnly();

  std::string path_;
  sqlite3* db_ = nullptr;
  Access access_ = Access::ReadWrite;
  std::string read_only_reason_;
};

// One prepared statement; bind indexes are 1-based, column indexes 0-based (as in SQLite).
class SqliteStatement {
 public:
  SqliteStatement(SqliteConnection& connection, sqlite3_stmt* statement)
      : connection_(&connection), statement_(statement) {}
  ~SqliteStatement();
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  SqliteStatement& operator=(SqliteStatement&&) = delete;

  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind(int index, double value);
  SqliteStatement& bind(int index, std::string_view text);  // SQLite copies the text
  SqliteStatement& bindBlob(int index, std::string_view bytes);
  // Without a copy, for bulk inserts: the caller keeps the bytes alive until the next step.
  SqliteStatement& bindBlobView(int index, std::string_view bytes);
  SqliteStatement& bindTextView(int index, std::string_view text);
  SqliteStatement& bindOptional(int index, const std::optional<std::string>& text);
  SqliteStatement& bindOptionalView(int index, const std::optional<std::string>& text);
  SqliteStatement& bindNull(int index);

  bool step();  // true while a row is available
  void run();    // steps a statement that returns no rows, then resets it for reuse
  void reset();  // also clears the bindings

  std::int64_t columnInt(int column) const;
  double columnDouble(int column) const;
  std::string columnText(int column) const;
  std::string_view columnView(int column) const;  // valid until the next step
  std::optional<std::string> columnOptional(int column) const;
  bool columnIsNull(int column) const;

 private:
  SqliteConnection* connection_;
  sqlite3_stmt* statement_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back when left without commit() (an exception).
class SqliteTransaction {
 public:
  explicit SqliteTransaction(SqliteConnection& connection);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void commit();

 private:
  SqliteConnection& connection_;
  bool open_ = true;
};

}  // namespace avqa
