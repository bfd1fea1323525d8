#pragma once

#include <string>

namespace avqa::test {

// A grey stage with a red square top-right and a blue square bottom-left, and a tone that is
// loud only in second 2: test models built to look at red, blue and loudness know where to.
void writeRedBlueVideo(const std::string& path, int seconds, int width, int height);
// A grey stage whose red square moves each second, clockwise through the quadrants from the
// top-left: second s shows it in quadrant s % 4 (top-left, top-right, bottom-right, bottom-left).
void writeMovingRedVideo(const std::string& path, int seconds, int width, int height);

}  // namespace avqa::test
