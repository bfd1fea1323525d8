#pragma once

#include <string>

namespace avqa {

// A snapshot of a server project is a project file named NAME.snapshot.avqa: it always opens
// read-only (an edit there would be lost with the snapshot; the project lives on the server).
bool isServerSnapshot(const std::string& path);

// A project named by a file path or a server URL (postgresql://USER@HOST/DB?project=NAME),
// for the commands that only read it (export, stats, table, compare, audit, export-evidence):
// a server project is pulled into a snapshot file in a temporary folder, removed with this
// object, and read there by the same code as any project file.
class ReadableProject {
 public:
  explicit ReadableProject(const std::string& file_or_url);
  ~ReadableProject();
  ReadableProject(const ReadableProject&) = delete;
  ReadableProject& operator=(const ReadableProject&) = delete;

  const std::string& path() const { return path_; }  // the project file to open

 private:
  std::string path_;
  std::string snapshot_folder_;  // empty for a project file
};

}  // namespace avqa
