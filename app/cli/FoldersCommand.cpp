// avqa-lens folders: the project's video and feature folders; add one.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/CliSupport.h"
#include "storage/AskStore.h"
#include "common/AvqaError.h"
#include "storage/FeatureFolders.h"
#include "storage/FolderMap.h"
#include "storage/ProjectStore.h"

namespace avqa::cli {
namespace {

std::vector<std::string> storedFolders(ProjectStore& project) {
  std::vector<std::string> stored = VideoFolders(project).storedPaths();
  for (const std::string& folder : FeatureFolders(project).storedPaths()) stored.push_back(folder);
  return stored;
}

// Checked before anything is written: a mapping for a name the project does not keep, or to
// a folder that is not there, would be silently useless.
void updateFolderMap(ProjectStore& project, const std::vector<std::string>& map, const std::vector<std::string>& unmap) {
  const std::string file = FolderMap::defaultFilePath();
  FolderMap folder_map = FolderMap::load(file);
  const std::vector<std::string> stored = storedFolders(project);
  const auto known = [&](const std::string& name) {
    if (std::find(stored.begin(), stored.end(), name) != stored.end()) return;
    std::string names;
    for (const std::string& folder : stored) names += (names.empty() ? "" : ", ") + folder;
    throw UsageError("the project keeps no folder \"" + name + "\" (it keeps: " + (names.empty() ? "none" : names) + ")");
  };
  for (const std::string& entry : map) {
    const std::size_t equals = entry.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == entry.size()) throw UsageError("--map takes STORED=LOCAL, not " + entry);
    const std::string name = entry.substr(0, equals);
    const std::string local = entry.substr(equals + 1);
    known(name);
    if (!std::filesystem::is_directory(local)) throw AvqaError(local, "is not a folder on this machine");
    folder_map.set(name, std::filesystem::absolute(local).lexically_normal().string());
  }
  for (const std::string& name : unmap) folder_map.set(name, "");
  folder_map.save(file);
}

void printFolders(const char* label, const std::vector<std::string>& stored, const std::vector<std::string>& local) {
  for (std::size_t i = 0; i < stored.size(); ++i) {
    std::cout << label << local[i];
    if (std::filesystem::path(stored[i]).lexically_normal() != std::filesystem::path(local[i]).lexically_normal()) {
      std::cout << "  (stored as " << stored[i] << ")";
    }
    if (!std::filesystem::is_directory(local[i])) std::cout << "  (not on this machine)";
    std::cout << "\n";
  }
}

}  // namespace

void addFoldersCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project;
    std::vector<std::string> videos, features, map, unmap;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "folders", "List a project's video and feature folders, or add some (stored relative to the project when inside its folder)");
  command->add_option("project", options->project, "Project file (*.avqa)")->required()->check(projectFileOrServerUrl());
  command->add_option("--add-videos", options->videos, "Add a folder of {video_id}.mp4 (repeatable)")->check(CLI::ExistingDirectory);
  command->add_option("--add-features", options->features,
                      "Add a folder of per-kind .npy features: vggish/, clip-vit-b32/ … of {video_id}.npy (repeatable)")
      ->check(CLI::ExistingDirectory);
  command->add_option("--map", options->map,
                      "STORED=LOCAL: on this machine, find the project's folder STORED (as listed) in the folder LOCAL; kept in "
                      "the user's folder map (" + FolderMap::defaultFilePath() + ", repeatable)");
  command->add_option("--unmap", options->unmap, "Forget this machine's folder for STORED (repeatable)");
  command->callback([options, &action] {
    action = [options] {
      ProjectStore project(options->project, DbConnection::OpenMode::MustExist);
      {
        VideoFolders videos(project);
        FeatureFolders features(project);
        for (const std::string& folder : options->videos) videos.add(folder);
        for (const std::string& folder : options->features) features.add(folder);
      }
      if (!options->map.empty() || !options->unmap.empty()) updateFolderMap(project, options->map, options->unmap);
      VideoFolders videos(project);
      FeatureFolders features(project);
      printFolders("videos    ", videos.storedPaths(), videos.absolutePaths());
      printFolders("features  ", features.storedPaths(), features.absolutePaths());
      return 0;
    };
  });
}

}  // namespace avqa::cli
