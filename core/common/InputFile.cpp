#include "common/InputFile.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "common/AvqaError.h"

namespace avqa {

TextPosition textPositionAt(std::string_view text, std::size_t offset) {
  TextPosition position;
  const std::size_t end = offset < text.size() ? offset : text.size();
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++position.line;
      line_start = i + 1;
    }
  }
  position.column = end - line_start + 1;
  return position;
}

std::string readInputFile(const std::string& path, std::size_t max_bytes) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw AvqaError(path, std::strerror(errno));
  }
  if (S_ISDIR(info.st_mode)) throw AvqaError(path, "is a directory, not a file");
  if (!S_ISREG(info.st_mode)) throw AvqaError(path, "is not a regular file");
  if (info.st_size == 0) throw AvqaError(path, "is empty (0 bytes)");
  if (static_cast<std::size_t>(info.st_size) > max_bytes) {
    throw AvqaError(path, "is too large (" + std::to_string(info.st_size) + " bytes, limit " +
                              std::to_string(max_bytes) + ")");
  }
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw AvqaError(path, std::strerror(errno));
  std::string bytes;
  // Room for a parser's read-ahead padding (simdjson wants 64 bytes), so no copy is needed.
  bytes.reserve(static_cast<std::size_t>(info.st_size) + kReadPaddingBytes);
  bytes.resize(static_cast<std::size_t>(info.st_size));
  const std::size_t read = std::fread(bytes.data(), 1, bytes.size(), file.get());
  if (read != bytes.size()) throw AvqaError(path, "could not be read completely");
  return bytes;
}

std::size_t firstInvalidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t min_code = 0;
    if ((lead & 0xE0) == 0xC0) {
      length = 2;
      min_code = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      min_code = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      min_code = 0x10000;
    } else {
      return i;
    }
    if (i + length > size) return i;
    std::uint32_t code = lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) return i;
      code = (code << 6) | (bytes[i + k] & 0x3F);
    }
    if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i;
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace avqa
