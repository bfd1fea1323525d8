#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace avqa {

// A server project's address: postgresql://USER@HOST[:PORT]/DB[?project=NAME][&sslmode=...].
// `conninfo` is what libpq gets (the URL without our `project` parameter; TLS and the other
// libpq parameters pass through); `shown` names the server in messages.
struct ServerProjectUrl {
  std::string conninfo;
  std::string project = "default";
  std::string shown;
};

bool isServerUrl(const std::string& text);  // starts with postgresql:// or postgres://
// A project file named NAME.snapshot.avqa holds a pulled copy of a server project: it always
// opens read-only (an edit there would be lost with the snapshot; the project lives on the server).
bool isServerSnapshot(const std::string& path);
// Refuses a URL with a password in it (it would show in `ps`, shell history and logs: use
// ~/.pgpass or a service file) and a project name outside [A-Za-z0-9_-]{1,40}.
ServerProjectUrl parseServerUrl(const std::string& url);

// One query's result (libpq's PGresult, freed with it). Binary results carry big-endian
// integers and doubles, text and bytea as raw bytes.
class PgResult {
 public:
  explicit PgResult(pg_result* result) : result_(result) {}
  ~PgResult();
  PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  PgResult& operator=(PgResult&&) = delete;

  int rows() const;
  int columns() const;
  bool isNull(int row, int column) const;
  std::string text(int row, int column) const;  // text results; binary ones: the raw bytes
  std::string_view view(int row, int column) const;  // valid while the result lives
  unsigned columnType(int column) const;              // the column's type OID
  std::int64_t affectedRows() const;                  // of an INSERT, UPDATE or DELETE
  std::int64_t binaryInt(int row, int column) const;  // int2/int4/int8 in binary results
  double binaryDouble(int row, int column) const;     // float8 in binary results

 private:
  pg_result* result_;
};

// Owns one libpq connection. Every failure becomes AvqaError naming the server (never with a
// password: none is accepted in a URL) and what the server said.
class PgConnection {
 public:
  explicit PgConnection(const ServerProjectUrl& url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  PgResult exec(const std::string& sql);
  // $1, $2 ... bound as text (nullopt: NULL); `binary_result` asks for binary columns.
  enum class ResultFormat { Text, Binary };
  PgResult execParams(const std::string& sql, const std::vector<std::optional<std::string>>& params,
                      ResultFormat format = ResultFormat::Text);
  // One parameter with its type OID (0: the server infers it) and format (binary for bytea).
  struct TypedParam {
    const char* value = nullptr;  // nullptr: NULL
    int length = 0;
    unsigned type_oid = 0;
    bool binary = false;
  };
  PgResult execTyped(const std::string& sql, const std::vector<TypedParam>& params);
  // COPY ... FROM STDIN: `next_chunk` fills its argument and returns false when done.
  void copyIn(const std::string& copy_sql, const std::function<bool(std::string&)>& next_chunk);
  std::string quoteIdentifier(const std::string& name) const;
  const std::string& shown() const { return shown_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  PgResult checked(pg_result* result, const std::string& what);
  pg_conn* connection_ = nullptr;
  std::string shown_;
};

// BEGIN ... COMMIT; rolls back when left without commit() (an exception).
class PgTransaction {
 public:
  explicit PgTransaction(PgConnection& connection);
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  void commit();

 private:
  PgConnection& connection_;
  bool open_ = true;
};

}  // namespace avqa
