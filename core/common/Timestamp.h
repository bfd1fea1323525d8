#pragma once

#include <string>

namespace avqa {

// Current UTC time as ISO 8601 ("2026-11-21T23:05:11Z"), the form stored in projects.
std::string utcTimestampNow();

// Who made an edit: $USER, else "unknown".
std::string currentUserName();

}  // namespace avqa
