#pragma once

#include <map>
#include <optional>
#include <string>

namespace avqa {

// Where this machine keeps a project's folders. A project stores its video and feature
// folders as text (relative to the project file, or to the working folder for a server
// project); on a server that text is a name every client shares, and each machine maps the
// name to its own copy. The map lives in one INI file per user (defaultFilePath), read by the
// CLI and the window alike, so a worker started anywhere finds its copy without options.
class FolderMap {
 public:
  // <config folder>/avqa-lens/folders.ini ($XDG_CONFIG_HOME is honoured).
  static std::string defaultFilePath();
  // The map kept in `file_path`; an absent file is an empty map. A file that cannot be read
  // is refused (AvqaError naming it).
  static FolderMap load(const std::string& file_path);
  // Refused (AvqaError naming the file) when it cannot be written; nothing half-written stays.
  void save(const std::string& file_path) const;

  // `local` empty removes the name.
  void set(const std::string& stored, const std::string& local);
  std::optional<std::string> localPath(const std::string& stored) const;
  const std::map<std::string, std::string>& entries() const { return local_by_stored_; }

 private:
  std::map<std::string, std::string> local_by_stored_;
};

}  // namespace avqa
