// avqa-lens push / pull: a project file to a server project on PostgreSQL and back, losslessly.
#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli/CliSupport.h"
#include "storage/PgConnection.h"
#include "storage/ProjectTransfer.h"

namespace avqa::cli {
namespace {

void report(const char* verb, const TransferSummary& summary, const std::string& from, const std::string& to,
            std::chrono::steady_clock::time_point started) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << verb << " " << from << " -> " << to << ": " << summary.questions << " questions, " << summary.rows << " rows in "
            << summary.tables << " tables, " << seconds << " s\n";
}

}  // namespace

void addTransferCommands(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project, url;
    bool replace = false;
  };
  auto push_options = std::make_shared<Options>();
  CLI::App* push = app.add_subcommand("push", "Copy a project file to a server project (postgresql://USER@HOST[:PORT]/DB?project=NAME)");
  push->add_option("project", push_options->project, "Project file (*.avqa)")->required()->check(CLI::ExistingFile);
  push->add_option("url", push_options->url, "Server project URL; the password comes from ~/.pgpass or a service file")->required();
  push->add_flag("--replace", push_options->replace, "Overwrite a server project of that name");
  push->callback([push_options, &action] {
    action = [push_options] {
      const auto started = std::chrono::steady_clock::now();
      const ServerProjectUrl url = parseServerUrl(push_options->url);
      ProjectStore source(push_options->project, DbConnection::OpenMode::ReadOnly);
      PgConnection server(url);
      const TransferSummary summary =
          pushProject(source, server, url.project, push_options->replace ? ExistingPolicy::Replace : ExistingPolicy::Refuse);
      report("Pushed", summary, push_options->project, url.shown, started);
      return 0;
    };
  });

  auto pull_options = std::make_shared<Options>();
  CLI::App* pull = app.add_subcommand("pull", "Copy a server project into a new project file");
  pull->add_option("url", pull_options->url, "Server project URL (postgresql://USER@HOST[:PORT]/DB?project=NAME)")->required();
  pull->add_option("project", pull_options->project, "New project file (*.avqa)")->required();
  pull->callback([pull_options, &action] {
    action = [pull_options] {
      const auto started = std::chrono::steady_clock::now();
      const ServerProjectUrl url = parseServerUrl(pull_options->url);
      PgConnection server(url);
      const TransferSummary summary = pullProject(server, url.project, pull_options->project);
      report("Pulled", summary, url.shown, pull_options->project, started);
      return 0;
    };
  });
}

}  // namespace avqa::cli
