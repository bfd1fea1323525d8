#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace avqa {

struct TextPosition {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in bytes
};

// Line and column of a byte offset, for error messages ("line 12, column 7").
TextPosition textPositionAt(std::string_view text, std::size_t offset);

constexpr std::size_t kReadPaddingBytes = 64;

// Reads a whole regular file (with kReadPaddingBytes of spare capacity). Refuses, with a message naming the file, what is missing,
// a directory, unreadable, empty (unless allowed) or larger than max_bytes.
std::string readInputFile(const std::string& path, std::size_t max_bytes = std::size_t(1) << 32);

// Offset of the first byte that breaks UTF-8, or npos when the text is valid.
std::size_t firstInvalidUtf8(std::string_view text);

}  // namespace avqa
