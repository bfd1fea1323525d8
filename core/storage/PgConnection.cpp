#include "storage/PgConnection.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cstring>
#include <regex>

#include "common/AvqaError.h"

namespace avqa {
namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::uint64_t bigEndian(const char* bytes, int length) {
  std::uint64_t value = 0;
  for (int i = 0; i < length; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  return value;
}

}  // namespace

bool isServerUrl(const std::string& text) {
  return text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0;
}

bool isServerSnapshot(const std::string& path) {
  static const std::string kSuffix = ".snapshot.avqa";
  return path.size() >= kSuffix.size() && path.compare(path.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

ServerProjectUrl parseServerUrl(const std::string& url) {
  if (!isServerUrl(url)) throw AvqaError(url, "is not a server URL (postgresql://USER@HOST[:PORT]/DB[?project=NAME])");
  const std::size_t scheme_end = url.find("://") + 3;
  const std::size_t query_at = url.find('?', scheme_end);
  const std::string base = url.substr(0, query_at);
  const std::size_t authority_end = base.find('/', scheme_end);
  const std::string authority = base.substr(scheme_end, authority_end == std::string::npos ? std::string::npos : authority_end - scheme_end);
  const std::size_t at = authority.rfind('@');
  ServerProjectUrl parsed;
  parsed.shown = base;
  if (at != std::string::npos && authority.substr(0, at).find(':') != std::string::npos) {
    parsed.shown = base.substr(0, scheme_end) + authority.substr(0, authority.find(':')) + "@" + base.substr(scheme_end + at + 1);
    throw AvqaError(parsed.shown, "has a password in its URL, which would show in ps, shell history and logs: "
                                  "put it in ~/.pgpass (or a service file) and leave it out of the URL");
  }
  std::string kept;
  if (query_at != std::string::npos) {
    std::size_t start = query_at + 1;
    while (start <= url.size()) {
      std::size_t end = url.find('&', start);
      if (end == std::string::npos) end = url.size();
      const std::string parameter = url.substr(start, end - start);
      if (parameter.rfind("project=", 0) == 0) {
        parsed.project = parameter.substr(8);
      } else if (parameter.rfind("password=", 0) == 0) {
        throw AvqaError(parsed.shown, "has a password in its URL: put it in ~/.pgpass (or a service file) instead");
      } else if (!parameter.empty()) {
        kept += (kept.empty() ? "?" : "&") + parameter;
      }
      start = end + 1;
    }
  }
  static const std::regex kProjectName("[A-Za-z0-9_-]{1,40}");
  if (!std::regex_match(parsed.project, kProjectName)) {
    throw AvqaError(parsed.shown, "project name \"" + parsed.project + "\" must be 1 to 40 letters, digits, _ or -");
  }
  parsed.conninfo = base + kept;
  parsed.shown = base + "?project=" + parsed.project;
  return parsed;
}

PgResult::~PgResult() { PQclear(result_); }
int PgResult::rows() const { return PQntuples(result_); }
int PgResult::columns() const { return PQnfields(result_); }
bool PgResult::isNull(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }

std::string PgResult::text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column), static_cast<std::size_t>(PQgetlength(result_, row, column)));
}

std::string_view PgResult::view(int row, int column) const {
  return {PQgetvalue(result_, row, column), static_cast<std::size_t>(PQgetlength(result_, row, column))};
}

unsigned PgResult::columnType(int column) const { return PQftype(result_, column); }

std::int64_t PgResult::affectedRows() const {
  const char* count = PQcmdTuples(result_);
  return count && *count ? std::stoll(count) : 0;
}

std::int64_t PgResult::binaryInt(int row, int column) const {
  const int length = PQgetlength(result_, row, column);
  const std::uint64_t raw = bigEndian(PQgetvalue(result_, row, column), length);
  if (length == 2) return static_cast<std::int16_t>(raw);
  if (length == 4) return static_cast<std::int32_t>(raw);
  return static_cast<std::int64_t>(raw);
}

double PgResult::binaryDouble(int row, int column) const {
  const std::uint64_t raw = bigEndian(PQgetvalue(result_, row, column), 8);
  double value = 0;
  std::memcpy(&value, &raw, sizeof value);
  return value;
}

PgConnection::PgConnection(const ServerProjectUrl& url) : shown_(url.shown) {
  connection_ = PQconnectdb(url.conninfo.c_str());
  if (PQstatus(connection_) != CONNECTION_OK) {
    const std::string message = trimmed(PQerrorMessage(connection_));
    const bool login_refused = PQconnectionNeedsPassword(connection_) || message.find("password authentication failed") != std::string::npos;
    PQfinish(connection_);
    connection_ = nullptr;
    if (login_refused) {  // libpq's message names the role, never the password
      std::string reason = message.substr(message.find("FATAL:") == std::string::npos ? 0 : message.find("FATAL:") + 6);
      std::replace(reason.begin(), reason.end(), '\n', ' ');
      reason.erase(0, reason.find_first_not_of(' '));
      throw AvqaError(shown_, "refused the login (" + trimmed(reason) +
                                  "): check the password in ~/.pgpass (or the service file) for this host, database and role");
    }
    throw AvqaError(shown_, "cannot be reached: " + message);
  }
  PQsetClientEncoding(connection_, "UTF8");
  exec("SET client_min_messages = warning");  // "schema exists, skipping" is not news
}

PgConnection::~PgConnection() { PQfinish(connection_); }

void PgConnection::fail(const std::string& what) const {
  std::string message = trimmed(PQerrorMessage(connection_));
  if (PQstatus(connection_) != CONNECTION_OK) message = "the connection was lost (" + message + ")";
  throw AvqaError(shown_, what + ": " + message);
}

PgResult PgConnection::checked(pg_result* result, const std::string& what) {
  const ExecStatusType status = PQresultStatus(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN) return PgResult(result);
  std::string message = result ? trimmed(PQresultErrorMessage(result)) : trimmed(PQerrorMessage(connection_));
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string sql_state = state ? state : "";
  PQclear(result);
  // insufficient_privilege, read_only_sql_transaction: the same words as a read-only file.
  if (sql_state == "42501" || sql_state == "25006") {
    throw AvqaError(shown_, "is read-only (role " + std::string(PQuser(connection_)) + " may only read it): the change was not stored");
  }
  if (PQstatus(connection_) != CONNECTION_OK) message = "the connection was lost (" + message + ")";
  throw AvqaError(shown_, what + ": " + message);
}

PgResult PgConnection::exec(const std::string& sql) { return checked(PQexec(connection_, sql.c_str()), "refused " + sql.substr(0, 60)); }

PgResult PgConnection::execParams(const std::string& sql, const std::vector<std::optional<std::string>>& params, ResultFormat format) {
  std::vector<const char*> values;
  std::vector<int> lengths;
  for (const auto& param : params) {
    values.push_back(param ? param->c_str() : nullptr);
    lengths.push_back(param ? static_cast<int>(param->size()) : 0);
  }
  return checked(PQexecParams(connection_, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(), lengths.data(),
                              nullptr, format == ResultFormat::Binary ? 1 : 0),
                 "refused " + sql.substr(0, 60));
}

PgResult PgConnection::execTyped(const std::string& sql, const std::vector<TypedParam>& params) {
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  std::vector<Oid> types;
  for (const TypedParam& param : params) {
    values.push_back(param.value);
    lengths.push_back(param.length);
    types.push_back(param.type_oid);
    formats.push_back(param.binary ? 1 : 0);
  }
  return checked(PQexecParams(connection_, sql.c_str(), static_cast<int>(params.size()), types.data(), values.data(), lengths.data(),
                              formats.data(), 0),
                 "refused " + sql.substr(0, 60));
}

void PgConnection::copyIn(const std::string& copy_sql, const std::function<bool(std::string&)>& next_chunk) {
  checked(PQexec(connection_, copy_sql.c_str()), "refused " + copy_sql.substr(0, 60));
  std::string chunk;
  bool more = true;
  while (more) {
    chunk.clear();
    more = next_chunk(chunk);
    if (!chunk.empty() && PQputCopyData(connection_, chunk.data(), static_cast<int>(chunk.size())) != 1) fail("copy failed");
  }
  if (PQputCopyEnd(connection_, nullptr) != 1) fail("copy failed");
  checked(PQgetResult(connection_), "copy refused");
  while (pg_result* rest = PQgetResult(connection_)) PQclear(rest);
}

std::string PgConnection::quoteIdentifier(const std::string& name) const {
  char* quoted = PQescapeIdentifier(connection_, name.c_str(), name.size());
  if (!quoted) fail("cannot quote " + name);
  std::string result(quoted);
  PQfreemem(quoted);
  return result;
}

PgTransaction::PgTransaction(PgConnection& connection) : connection_(connection) { connection_.exec("BEGIN"); }

PgTransaction::~PgTransaction() {
  if (!open_) return;
  try {
    connection_.exec("ROLLBACK");
  } catch (...) {  // the connection is gone: the server rolls back by itself
  }
}

void PgTransaction::commit() {
  connection_.exec("COMMIT");
  open_ = false;
}

}  // namespace avqa
