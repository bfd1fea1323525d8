#pragma once

#include <string>
#include <string_view>

namespace avqa {

// Writes `bytes` to a temporary file beside `path` and renames it over `path`, so a reader
// never sees half a file and a failed write leaves the old file as it was.
void writeFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace avqa
