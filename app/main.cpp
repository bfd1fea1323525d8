// avqa-lens: command-line entry. Parses, wires the layers, runs; the work lives below.
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>

#include "cli/CliSupport.h"
#include "common/AvqaError.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

}  // namespace

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f) must fail the write, as a full disk does, so that the
  // error is reported and the transaction rolled back, instead of killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  if (argc == 1) return avqa::cli::runDemoGui(argc, argv);
  CLI::App app{"AVQA Lens: music-performance audio-visual question answering workbench",
               "avqa-lens"};
  app.require_subcommand(1);
  app.set_version_flag("--version", AVQA_VERSION);
  avqa::cli::CommandAction action;
  avqa::cli::addImportCommand(app, action);
  avqa::cli::addExportCommand(app, action);
  avqa::cli::addStatsCommand(app, action);
  avqa::cli::addImportPredictionsCommand(app, action);
  avqa::cli::addTableCommand(app, action);
  avqa::cli::addCompareCommand(app, action);
  avqa::cli::addExampleCommand(app, action);
  avqa::cli::addSynthCommand(app, action);
  avqa::cli::addContactSheetCommand(app, action);
  avqa::cli::addAskCommand(app, action);
  avqa::cli::addExtractCommand(app, action);
  avqa::cli::addEvalCommand(app, action);
  avqa::cli::addRunCommand(app, action);
  avqa::cli::addAnnotateCommand(app, action);
  avqa::cli::addAuditCommand(app, action);
  avqa::cli::addCheckCommand(app, action);
  avqa::cli::addFoldersCommand(app, action);
  avqa::cli::addEvidenceCommands(app, action);
  avqa::cli::addInspectCommand(app, action, argc, argv);
  avqa::cli::addOpenCommand(app, action, argc, argv);
  avqa::cli::addRenderCommand(app, action, argc, argv);
  avqa::cli::addTrainCommand(app, action, argc, argv);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);  // prints help, or the error and a hint
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    return action ? action() : kExitUsage;
  } catch (const avqa::UsageError& error) {
    std::cerr << "avqa-lens: usage error: " << error.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& error) {
    std::cerr << "avqa-lens: error: " << error.what() << "\n";
    return kExitFailure;
  }
}
