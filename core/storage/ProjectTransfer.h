#pragma once

#include <cstdint>
#include <string>

#include "storage/ProjectStore.h"

namespace avqa {

class PgConnection;

// What a copy moved, for the command's report.
struct TransferSummary {
  int tables = 0;
  std::int64_t rows = 0;
  std::int64_t questions = 0;
};

// Copies a project file to a server project, losslessly: every table of the project (splits
// with their original bytes, questions, history, runs with their maps, asks, folders) becomes a
// table in the server project's own PostgreSQL schema, in one transaction, by binary COPY.
// A server project of that name is refused unless `existing` is Replace.
TransferSummary pushProject(ProjectStore& source, PgConnection& server, const std::string& project, ExistingPolicy existing);

// Copies a server project into a new project file (refused when `out_path` exists): written
// beside it under a temporary name and renamed into place once complete. A server project
// written by a newer AVQA Lens (a schema this build does not know) is refused.
TransferSummary pullProject(PgConnection& server, const std::string& project, const std::string& out_path);

}  // namespace avqa
