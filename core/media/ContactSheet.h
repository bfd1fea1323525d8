#pragma once

#include <QImage>
#include <string>
#include <vector>

namespace avqa {

// Tiles the frame shown at `time_s` of each video into one picture (`columns` wide), for
// looking at a dataset at a glance and for documentation.
QImage makeContactSheet(const std::vector<std::string>& videos, double time_s, int columns);

}  // namespace avqa
