#pragma once

#include <string>

namespace avqa::test {

// A grey stage with a red square top-right and a blue square bottom-left, and a tone that is
// loud only in second 2: test models built to look at red, blue and loudness know where to.
void writeRedBlueVideo(const std::string& path, int seconds, int width, int height);

}  // namespace avqa::test
