#pragma once

#include <filesystem>
#include <string>

#include "storage/ReadableProject.h"

namespace avqa {

// A folder as a project stores it: relative to the project file's folder when inside it (a
// project and its folders can move together), else absolute.
inline std::string storedFolderPath(const std::string& project_path, const std::string& folder) {
  namespace fs = std::filesystem;
  const fs::path project_dir = fs::absolute(project_path).parent_path();
  const fs::path absolute = fs::weakly_canonical(fs::absolute(folder));
  const fs::path relative = absolute.lexically_relative(project_dir);
  const bool inside = !relative.empty() && *relative.begin() != "..";
  return (inside ? relative : absolute).generic_string();
}

// The stored form back as an absolute path. A server project's snapshot lives in a temporary
// folder: its relative folders are taken from the folder the command runs in, so each machine
// finds its own copy of the videos and features beside where it works.
inline std::string absoluteFolderPath(const std::string& project_path, const std::string& stored) {
  namespace fs = std::filesystem;
  const fs::path path(stored);
  const fs::path base = isServerSnapshot(project_path) ? fs::current_path() : fs::absolute(project_path).parent_path();
  return (path.is_absolute() ? path : base / path).lexically_normal().string();
}

}  // namespace avqa
