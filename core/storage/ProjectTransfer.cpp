#include "storage/ProjectTransfer.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <vector>

#include "common/AvqaError.h"
#include "storage/PgConnection.h"
#include "storage/PgProjectConnection.h"
#include "storage/ProjectSchema.h"
#include "storage/SqliteConnection.h"

namespace avqa {
namespace {

enum class ColumnKind { Integer, Real, Text, Blob };

struct Column {
  std::string name;
  ColumnKind kind = ColumnKind::Text;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
};

// The project's tables in creation order (parents before children), from SQLite's catalogue.
std::vector<Table> projectTables(DbConnection& connection) {
  std::vector<Table> tables;
  DbStatement names = connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid");
  while (names.step()) tables.push_back({names.columnText(0), {}});
  for (Table& table : tables) {
    DbStatement info = connection.prepare("SELECT name, upper(type) FROM pragma_table_info(?1)");
    info.bind(1, std::string_view(table.name));
    while (info.step()) {
      Column column;
      column.name = info.columnText(0);
      const std::string type = info.columnText(1);
      column.kind = type.find("INT") != std::string::npos    ? ColumnKind::Integer
                    : type.find("REAL") != std::string::npos ? ColumnKind::Real
                    : type.find("BLOB") != std::string::npos ? ColumnKind::Blob
                                                             : ColumnKind::Text;
      table.columns.push_back(std::move(column));
    }
  }
  return tables;
}


void appendBigEndian(std::string& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

// One row in PostgreSQL's binary COPY format: field count, then each field's length and bytes.
void appendCopyRow(std::string& out, const Table& table, const DbStatement& row) {
  appendBigEndian(out, table.columns.size(), 2);
  for (int i = 0; i < static_cast<int>(table.columns.size()); ++i) {
    if (row.columnIsNull(i)) {
      appendBigEndian(out, 0xffffffffu, 4);
      continue;
    }
    switch (table.columns[static_cast<std::size_t>(i)].kind) {
      case ColumnKind::Integer:
        appendBigEndian(out, 8, 4);
        appendBigEndian(out, static_cast<std::uint64_t>(row.columnInt(i)), 8);
        break;
      case ColumnKind::Real: {
        const double value = row.columnDouble(i);
        std::uint64_t bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        appendBigEndian(out, 8, 4);
        appendBigEndian(out, bits, 8);
        break;
      }
      case ColumnKind::Text:
      case ColumnKind::Blob: {
        const std::string_view bytes = row.columnView(i);
        appendBigEndian(out, bytes.size(), 4);
        out.append(bytes);
        break;
      }
    }
  }
}

std::string columnList(const Table& table, const PgConnection* server) {
  std::string list;
  for (const Column& column : table.columns) {
    if (!list.empty()) list += ", ";
    list += server ? server->quoteIdentifier(column.name) : "\"" + column.name + "\"";
  }
  return list;
}

}  // namespace

TransferSummary pushProject(ProjectStore& source, PgConnection& server, const std::string& project, ExistingPolicy existing) {
  DbConnection& connection = source.connection();
  const std::vector<Table> tables = projectTables(connection);
  const std::string schema = server.quoteIdentifier(serverSchemaName(project));
  TransferSummary summary;
  ensureProjectRegistry(server);
  PgTransaction transaction(server);
  const PgResult found = server.execParams("SELECT 1 FROM avqa_projects WHERE name = $1 FOR UPDATE", {project});
  if (found.rows() > 0) {
    if (existing == ExistingPolicy::Refuse) {
      throw AvqaError(server.shown(), "already has a project \"" + project + "\" (push --replace to overwrite it)");
    }
    server.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    server.execParams("DELETE FROM avqa_projects WHERE name = $1", {project});
  }
  server.exec("CREATE SCHEMA " + schema);
  // The same tables, keys and indexes a project created on the server gets.
  server.exec("SET LOCAL search_path TO " + schema + ", public");
  for (int version = 0; version < ProjectSchema::latestVersion(); ++version) {
    server.exec(postgresDdl(ProjectSchema::migrationSql(version)));
  }
  for (const Table& table : tables) {
    DbStatement rows = connection.prepare("SELECT " + columnList(table, nullptr) + " FROM \"" + table.name + "\"");
    bool header_sent = false, trailer_sent = false;
    server.copyIn("COPY " + schema + "." + server.quoteIdentifier(table.name) + " FROM STDIN WITH (FORMAT binary)",
                  [&](std::string& chunk) {
                    if (!header_sent) {
                      chunk.append("PGCOPY\n\377\r\n\0", 11);
                      appendBigEndian(chunk, 0, 4);  // flags
                      appendBigEndian(chunk, 0, 4);  // header extension length
                      header_sent = true;
                    }
                    while (chunk.size() < (1u << 20)) {
                      if (!rows.step()) {
                        if (!trailer_sent) appendBigEndian(chunk, 0xffff, 2);
                        trailer_sent = true;
                        return false;
                      }
                      appendCopyRow(chunk, table, rows);
                      ++summary.rows;
                      if (table.name == "questions") ++summary.questions;
                    }
                    return true;
                  });
    ++summary.tables;
    const bool has_id = std::any_of(table.columns.begin(), table.columns.end(), [](const Column& c) { return c.name == "id"; });
    if (has_id) {  // new rows on the server get keys after the copied ones
      server.execParams("SELECT setval(pg_get_serial_sequence($1, 'id'), m) FROM (SELECT max(id) AS m FROM " +
                            server.quoteIdentifier(table.name) + ") AS t WHERE m IS NOT NULL",
                        {serverSchemaName(project) + "." + table.name});
    }
  }
  server.execParams("INSERT INTO avqa_projects(name, schema_name, schema_version) VALUES ($1, $2, $3)",
                    {project, serverSchemaName(project), std::to_string(ProjectSchema::latestVersion())});
  transaction.commit();
  return summary;
}

TransferSummary pullProject(PgConnection& server, const std::string& project, const std::string& out_path) {
  if (std::filesystem::exists(out_path)) throw AvqaError(out_path, "already exists: pull writes a new project file");
  // Read only: a role that may only read the projects can pull them.
  if (server.exec("SELECT to_regclass('avqa_projects') IS NOT NULL").text(0, 0) != "t") {
    throw AvqaError(server.shown(), "has no AVQA Lens projects (push one first)");
  }
  const PgResult found = server.execParams("SELECT schema_version FROM avqa_projects WHERE name = $1", {project});
  if (found.rows() == 0) throw AvqaError(server.shown(), "has no project \"" + project + "\"");
  const int server_version = std::stoi(found.text(0, 0));
  if (server_version > ProjectSchema::latestVersion()) {
    throw AvqaError(server.shown(), "project \"" + project + "\" has schema " + std::to_string(server_version) +
                                        ", written by a newer AVQA Lens; this build reads up to schema " +
                                        std::to_string(ProjectSchema::latestVersion()) + ": update AVQA Lens");
  }
  const std::string schema = serverSchemaName(project);
  const std::string partial = out_path + ".pulling";
  std::filesystem::remove(partial);
  TransferSummary summary;
  try {
    ProjectStore target(partial, DbConnection::OpenMode::CreateIfMissing);
    DbConnection& connection = target.connection();
    DbTransaction transaction(connection);
    for (Table table : projectTables(connection)) {
      // An older server project lacks the columns later schemas added: they keep their defaults.
      const PgResult present = server.execParams(
          "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2", {schema, table.name});
      std::vector<std::string> names;
      for (int r = 0; r < present.rows(); ++r) names.push_back(present.text(r, 0));
      if (names.empty()) continue;  // a table the server project's schema did not have yet
      table.columns.erase(std::remove_if(table.columns.begin(), table.columns.end(),
                                         [&](const Column& c) { return std::find(names.begin(), names.end(), c.name) == names.end(); }),
                          table.columns.end());
      connection.exec("DELETE FROM \"" + table.name + "\"");
      const PgResult rows = server.execParams("SELECT " + columnList(table, &server) + " FROM " + server.quoteIdentifier(schema) + "." +
                                                  server.quoteIdentifier(table.name),
                                              {}, PgConnection::ResultFormat::Binary);
      std::string placeholders;
      for (std::size_t i = 0; i < table.columns.size(); ++i) placeholders += (i ? ", ?" : "?");
      DbStatement insert =
          connection.prepare("INSERT INTO \"" + table.name + "\"(" + columnList(table, nullptr) + ") VALUES (" + placeholders + ")");
      for (int r = 0; r < rows.rows(); ++r) {
        for (int c = 0; c < static_cast<int>(table.columns.size()); ++c) {
          if (rows.isNull(r, c)) {
            insert.bindNull(c + 1);
            continue;
          }
          switch (table.columns[static_cast<std::size_t>(c)].kind) {
            case ColumnKind::Integer: insert.bind(c + 1, rows.binaryInt(r, c)); break;
            case ColumnKind::Real: insert.bind(c + 1, rows.binaryDouble(r, c)); break;
            case ColumnKind::Text: insert.bind(c + 1, std::string_view(rows.text(r, c))); break;
            case ColumnKind::Blob: insert.bindBlob(c + 1, rows.text(r, c)); break;
          }
        }
        insert.run();
        ++summary.rows;
        if (table.name == "questions") ++summary.questions;
      }
      ++summary.tables;
    }
    transaction.commit();
  } catch (...) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(partial + suffix);
    throw;
  }
  std::filesystem::rename(partial, out_path);
  return summary;
}

}  // namespace avqa
