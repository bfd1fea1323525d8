#include "common/Timestamp.h"

#include <cstdlib>
#include <ctime>

namespace avqa {

std::string utcTimestampNow() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

std::string currentUserName() {
  const char* user = std::getenv("USER");
  return user && *user ? user : "unknown";
}

}  // namespace avqa
