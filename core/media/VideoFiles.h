#pragma once

#include <string>
#include <vector>

namespace avqa {

// The video file of a dataset's video id in a folder ({id}.mp4, .mkv, .webm, .mov, .avi);
// AvqaError naming the folder and the id when there is none.
std::string findVideoFile(const std::string& folder, const std::string& video_id);

// Every video file in a folder, sorted by name; AvqaError for a missing or empty folder.
std::vector<std::string> listVideoFiles(const std::string& folder);

// The video after `video_path` in its folder, by name (the last one's is the first): a
// deterministic partner whose sound a question is asked with, as `audit --perturb` does.
// AvqaError naming the folder when it holds no other video.
std::string partnerVideo(const std::string& video_path);

}  // namespace avqa
