#include "media/VideoFiles.h"

#include <algorithm>
#include <array>
#include <filesystem>

#include "common/AvqaError.h"

namespace avqa {
namespace {

const std::array<const char*, 5> kExtensions = {".mp4", ".mkv", ".webm", ".mov", ".avi"};

bool isVideoExtension(std::string extension) {
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(kExtensions.begin(), kExtensions.end(), extension) != kExtensions.end();
}

}  // namespace

std::string findVideoFile(const std::string& folder, const std::string& video_id) {
  for (const char* extension : kExtensions) {
    const std::filesystem::path path = std::filesystem::path(folder) / (video_id + extension);
    if (std::filesystem::is_regular_file(path)) return path.string();
  }
  throw AvqaError(folder, "has no video " + video_id + " (.mp4, .mkv, .webm, .mov or .avi)");
}

std::vector<std::string> listVideoFiles(const std::string& folder) {
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) throw AvqaError(folder, "is not a folder of videos");
  std::vector<std::string> videos;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.is_regular_file() && isVideoExtension(entry.path().extension().string())) videos.push_back(entry.path().string());
  }
  if (videos.empty()) throw AvqaError(folder, "holds no videos (.mp4, .mkv, .webm, .mov, .avi)");
  std::sort(videos.begin(), videos.end());
  return videos;
}

std::string partnerVideo(const std::string& video_path) {
  const std::filesystem::path path(video_path);
  const std::string folder = path.parent_path().empty() ? "." : path.parent_path().string();
  const std::vector<std::string> videos = listVideoFiles(folder);
  const std::string own = (std::filesystem::path(folder) / path.filename()).string();
  const auto found = std::find(videos.begin(), videos.end(), own);
  if (videos.size() < 2 || found == videos.end()) {
    throw AvqaError(folder, "holds no other video whose sound the question could be asked with");
  }
  return std::next(found) == videos.end() ? videos.front() : *std::next(found);
}

}  // namespace avqa
