#include "common/OutputFile.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/AvqaError.h"

namespace avqa {

void writeFileAtomically(const std::string& path, std::string_view bytes) {
  const std::string temporary = path + ".tmp-avqa";
  FILE* file = std::fopen(temporary.c_str(), "wb");
  if (!file) throw AvqaError(path, std::string("cannot write: ") + std::strerror(errno));
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  const bool closed = std::fclose(file) == 0;
  if (!written || !closed) {
    std::remove(temporary.c_str());
    throw AvqaError(path, "cannot write: disk full or I/O error");
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temporary.c_str());
    throw AvqaError(path, "cannot write: " + reason);
  }
}

}  // namespace avqa
