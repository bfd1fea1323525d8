// annotate: annotation edits as JSON lines on standard input, each committed and then
// acknowledged on standard output ("ok ROW"): a script (or a test that kills it) knows
// exactly which edits are stored. An edit of a question someone else changed since this
// command started (several annotators on one project) is refused: "refused ROW" on standard
// output, who changed it and to what on standard error.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "annotation/EditScript.h"
#include "cli/CliSupport.h"
#include "common/Timestamp.h"

namespace avqa::cli {

void addAnnotateCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project;
    std::string who;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "annotate", "Apply annotation edits read as JSON lines from standard input (answer, flag, note, remove, add, undo, redo)");
  command->add_option("project", options->project, "Project file (*.avqa)")->required()->check(projectFileOrServerUrl());
  command->add_option("--who", options->who, "Name in the edit history (default: $USER)");
  command->callback([options, &action] {
    action = [options] {
      ProjectStore project(options->project, DbConnection::OpenMode::MustExist);
      AnnotationSession session(project, options->who.empty() ? currentUserName() : options->who);
      std::string line;
      int line_number = 0;
      int failures = 0;
      while (std::getline(std::cin, line)) {
        ++line_number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        try {
          const std::int64_t row = applyEditLine(project, session, line);
          std::cout << "ok " << row << std::endl;  // flushed: the edit is committed
        } catch (const StaleEditError& error) {
          ++failures;
          std::cout << "refused " << error.row() << std::endl;
          std::cerr << "avqa-lens: line " << line_number << ": " << error.what() << "\n";
        } catch (const std::exception& error) {
          ++failures;
          std::cerr << "avqa-lens: line " << line_number << ": " << error.what() << "\n";
        }
      }
      return failures == 0 ? 0 : 1;
    };
  });
}

}  // namespace avqa::cli
