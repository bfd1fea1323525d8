#include "support/ProjectBackends.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>

namespace avqa::test {

std::string freshProject(StorageBackend backend, const TempDir& dir, const std::string& name) {
  static std::atomic<int> counter{0};
  if (backend == StorageBackend::File) return dir.file(name + "-" + std::to_string(++counter) + ".avqa");
  const std::string url_file = std::string(AVQA_TEST_PG_DIR) + "/url";
  if (!std::filesystem::exists(url_file)) return {};
  std::string url = readBytes(url_file);
  while (!url.empty() && url.back() == '\n') url.pop_back();
  return url + "?project=" + name + "_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

std::string backendName(const ::testing::TestParamInfo<StorageBackend>& info) {
  return info.param == StorageBackend::File ? "File" : "Server";
}

}  // namespace avqa::test
