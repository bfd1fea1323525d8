// avqa-lens folders: the project's video and feature folders; add one.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/CliSupport.h"
#include "storage/AskStore.h"
#include "storage/FeatureFolders.h"
#include "storage/ProjectStore.h"

namespace avqa::cli {

void addFoldersCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project;
    std::vector<std::string> videos, features;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "folders", "List a project's video and feature folders, or add some (stored relative to the project when inside its folder)");
  command->add_option("project", options->project, "Project file (*.avqa)")->required()->check(projectFileOrServerUrl());
  command->add_option("--add-videos", options->videos, "Add a folder of {video_id}.mp4 (repeatable)")->check(CLI::ExistingDirectory);
  command->add_option("--add-features", options->features,
                      "Add a folder of per-kind .npy features: vggish/, clip-vit-b32/ … of {video_id}.npy (repeatable)")
      ->check(CLI::ExistingDirectory);
  command->callback([options, &action] {
    action = [options] {
      ProjectStore project(options->project, DbConnection::OpenMode::MustExist);
      VideoFolders videos(project);
      FeatureFolders features(project);
      for (const std::string& folder : options->videos) videos.add(folder);
      for (const std::string& folder : options->features) features.add(folder);
      for (const std::string& folder : videos.absolutePaths()) std::cout << "videos    " << folder << "\n";
      for (const std::string& folder : features.absolutePaths()) std::cout << "features  " << folder << "\n";
      return 0;
    };
  });
}

}  // namespace avqa::cli
