#include "storage/ReadableProject.h"

#include <stdlib.h>

#include <filesystem>

#include "common/AvqaError.h"
#include "storage/PgConnection.h"
#include "storage/ProjectTransfer.h"

namespace avqa {

bool isServerSnapshot(const std::string& path) {
  static const std::string kSuffix = ".snapshot.avqa";
  return path.size() >= kSuffix.size() && path.compare(path.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0;
}

ReadableProject::ReadableProject(const std::string& file_or_url) : path_(file_or_url) {
  if (!isServerUrl(file_or_url)) return;
  const ServerProjectUrl url = parseServerUrl(file_or_url);
  std::string folder = (std::filesystem::temp_directory_path() / "avqa-snapshot-XXXXXX").string();
  if (!::mkdtemp(folder.data())) throw AvqaError(folder, "cannot make a folder for the server project's snapshot");
  snapshot_folder_ = folder;
  path_ = folder + "/" + url.project + ".snapshot.avqa";
  try {
    PgConnection server(url);
    pullProject(server, url.project, path_);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(snapshot_folder_, ignored);
    throw;
  }
}

ReadableProject::~ReadableProject() {
  if (snapshot_folder_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(snapshot_folder_, ignored);
}

}  // namespace avqa
