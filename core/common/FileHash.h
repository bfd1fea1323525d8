#pragma once

#include <string>

namespace avqa {

// Lowercase hex SHA-256 of a file's bytes (provenance of models and runs).
std::string sha256OfFile(const std::string& path);
// Lowercase hex SHA-256 of bytes in memory.
std::string sha256OfText(const std::string& bytes);

}  // namespace avqa
