#pragma once

#include <string>

namespace avqa {

// MUSIC-AVQA-v2.0's mirrored videos: "X_flip" is X mirrored left to right, with left/right
// answers swapped. The one place that knows the naming rule.
bool isFlipVideoId(const std::string& video_id);
std::string flipVideoId(const std::string& video_id);       // X -> X_flip
std::string unflippedVideoId(const std::string& video_id);  // X_flip -> X; X stays X

}  // namespace avqa
