#pragma once

#include <filesystem>
#include <string>

#include "storage/FolderMap.h"
#include "storage/PgConnection.h"

namespace avqa {

// Where a project's relative folders start: the project file's folder (a project and its
// folders can move together). A server project, or a snapshot of one, has no folder of its
// own: its relative folders are taken from the folder the command runs in, so each machine
// finds its own copy of the videos and features beside where it works.
inline std::filesystem::path folderBase(const std::string& project_path) {
  namespace fs = std::filesystem;
  return isServerUrl(project_path) || isServerSnapshot(project_path) ? fs::current_path() : fs::absolute(project_path).parent_path();
}

// A folder as a project stores it: relative to folderBase when inside it, else absolute.
inline std::string storedFolderPath(const std::string& project_path, const std::string& folder) {
  namespace fs = std::filesystem;
  const fs::path project_dir = folderBase(project_path);
  const fs::path absolute = fs::weakly_canonical(fs::absolute(folder));
  const fs::path relative = absolute.lexically_relative(project_dir);
  const bool inside = !relative.empty() && *relative.begin() != "..";
  return (inside ? relative : absolute).generic_string();
}

// The stored form back as an absolute path: this machine's copy when `map` names one.
inline std::string absoluteFolderPath(const std::string& project_path, const std::string& stored, const FolderMap& map) {
  if (const std::optional<std::string> local = map.localPath(stored)) return std::filesystem::absolute(*local).lexically_normal().string();
  const std::filesystem::path path(stored);
  return (path.is_absolute() ? path : folderBase(project_path) / path).lexically_normal().string();
}

}  // namespace avqa
