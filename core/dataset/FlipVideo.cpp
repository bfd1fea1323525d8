#include "dataset/FlipVideo.h"

namespace avqa {
namespace {
constexpr char kFlipSuffix[] = "_flip";
constexpr std::size_t kFlipSuffixLength = sizeof(kFlipSuffix) - 1;
}  // namespace

bool isFlipVideoId(const std::string& video_id) {
  return video_id.size() > kFlipSuffixLength &&
         video_id.compare(video_id.size() - kFlipSuffixLength, kFlipSuffixLength, kFlipSuffix) == 0;
}

std::string flipVideoId(const std::string& video_id) { return video_id + kFlipSuffix; }

std::string unflippedVideoId(const std::string& video_id) {
  return isFlipVideoId(video_id) ? video_id.substr(0, video_id.size() - kFlipSuffixLength) : video_id;
}

}  // namespace avqa
