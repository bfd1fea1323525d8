// avqa-lens check: is a project file intact; if not, a copy of what is still readable.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "cli/CliSupport.h"
#include "storage/ProjectCheck.h"

namespace avqa::cli {

void addCheckCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project, recovered;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "check", "Check a project file's integrity; when damaged, save what is still readable into a new project");
  command->add_option("project", options->project, "Project file (*.avqa)")->required()->check(projectFileOrServerUrl());
  command->add_option("--recovered", options->recovered, "Where to write the copy (default PROJECT.recovered.avqa)");
  command->callback([options, &action] {
    action = [options] {
      std::string recovered = options->recovered;
      if (recovered.empty()) {
        const std::string& path = options->project;
        const std::size_t dot = path.rfind(".avqa");
        recovered = (dot != std::string::npos && dot + 5 == path.size() ? path.substr(0, dot) : path) + ".recovered.avqa";
      }
      const ProjectCheckReport report = checkProject(options->project, recovered);
      if (report.state == ProjectCheckReport::State::Intact) {
        std::cout << options->project << ": intact (SQLite integrity check ok)\n";
        return 0;
      }
      std::cout << options->project << ": damaged\n";
      for (const std::string& problem : report.problems) std::cout << "  " << problem << "\n";
      std::cout << "Saved what is readable into " << report.recovered_path << " (the damaged file is unchanged):\n";
      for (const auto& table : report.recovered) std::cout << "  " << table.table << ": " << table.recovered << " rows\n";
      return 1;
    };
  });
}

}  // namespace avqa::cli
