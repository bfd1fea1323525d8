#include "storage/NewProjectImport.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "common/AvqaError.h"

namespace avqa {
namespace {

void removeWithJournals(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix, ignored);
}

void flushToDisk(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    throw AvqaError(path, "cannot be written to disk: " + reason);
  }
  ::close(fd);
}

}  // namespace

SplitImportResult importIntoNewProject(const std::string& path, const std::string& split, const MusicAvqaFile& file) {
  if (std::filesystem::exists(path)) throw AvqaError(path, "exists already: import into it instead");
  const std::string temporary = path + ".importing";
  removeWithJournals(temporary);
  SplitImportResult result;
  try {
    {
      ProjectStore store(temporary, DbConnection::OpenMode::CreateIfMissing);
      // Nothing to protect yet: on any failure the whole file goes.
      store.connection().exec("PRAGMA journal_mode = OFF");
      store.connection().exec("PRAGMA synchronous = OFF");
      result = store.importSplit(split, file, ExistingPolicy::Refuse);
      store.connection().exec("PRAGMA journal_mode = WAL");  // what every later open finds
    }
    flushToDisk(temporary);
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
      throw AvqaError(path, std::string("cannot be created: ") + std::strerror(errno));
    }
  } catch (...) {
    removeWithJournals(temporary);
    throw;
  }
  return result;
}

}  // namespace avqa
