// annotate: annotation edits as JSON lines on standard input, each committed and then
// acknowledged on standard output ("ok ROW"): a script (or a test that kills it) knows
// exactly which edits are stored. An edit of a question someone else changed since this
// command started (several annotators on one project) is refused: "refused ROW" on standard
// output, who changed it and to what on standard error.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "annotation/EditScript.h"
#include "cli/CliSupport.h"
#include "common/Timestamp.h"
#include "storage/BlindAnswerStore.h"

namespace avqa::cli {
namespace {

// {"op": "answer", "row": 12, "answer": "two"}: the annotator's blind answer; the stored one stays.
std::int64_t applyBlindAnswer(ProjectStore& project, const std::string& who, const std::string& line) {
  try {
    const nlohmann::json edit = nlohmann::json::parse(line);
    if (edit.value("op", "") != "answer") throw std::invalid_argument("a blind annotator answers: {\"op\": \"answer\", \"row\": R, \"answer\": A}");
    const std::int64_t row = edit.at("row").get<std::int64_t>();
    BlindAnswerStore(project).setAnswer(row, who, edit.at("answer").get<std::string>());
    return row;
  } catch (const nlohmann::json::exception& error) {
    throw std::invalid_argument(std::string("malformed edit: ") + error.what());
  }
}

}  // namespace

void addAnnotateCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project;
    std::string who;
    bool blind = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "annotate", "Apply annotation edits read as JSON lines from standard input (answer, flag, note, remove, add, undo, redo)");
  command->add_option("project", options->project, "Project file (*.avqa)")->required()->check(projectFileOrServerUrl());
  command->add_option("--who", options->who, "Name in the edit history (default: $USER)");
  command->add_flag("--blind", options->blind,
                    "Double annotation: {\"op\": \"answer\", ...} lines are kept as this annotator's own answers, beside the "
                    "stored one (blind-assign gives a split to two annotators)");
  command->callback([options, &action] {
    action = [options] {
      ProjectStore project(options->project, DbConnection::OpenMode::MustExist);
      const std::string who = options->who.empty() ? currentUserName() : options->who;
      AnnotationSession session(project, who);
      std::string line;
      int line_number = 0;
      int failures = 0;
      while (std::getline(std::cin, line)) {
        ++line_number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        try {
          const std::int64_t row = options->blind ? applyBlindAnswer(project, who, line) : applyEditLine(project, session, line);
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
