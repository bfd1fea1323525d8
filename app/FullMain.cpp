// avqa-lens-full: every command, with the models layer (LibTorch) and the window. `avqa-lens`
// runs the commands that need neither itself and starts this executable for the others.
#include <CLI/CLI.hpp>

#include <csignal>

#include "cli/CliSupport.h"

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f) must fail the write, as a full disk does, so that the
  // error is reported and the transaction rolled back, instead of killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  if (argc == 1) return avqa::cli::runDemoGui(argc, argv);
  CLI::App app{"AVQA Lens: music-performance audio-visual question answering workbench", "avqa-lens"};
  app.require_subcommand(1);
  app.set_version_flag("--version", AVQA_VERSION);
  avqa::cli::CommandAction action;
  avqa::cli::addCoreCommands(app, action);
  avqa::cli::addSynthCommand(app, action);
  avqa::cli::addContactSheetCommand(app, action);
  avqa::cli::addAskCommand(app, action);
  avqa::cli::addExtractCommand(app, action);
  avqa::cli::addEvalCommand(app, action);
  avqa::cli::addRunCommand(app, action);
  avqa::cli::addAuditCommand(app, action);
  avqa::cli::addInspectCommand(app, action, argc, argv);
  avqa::cli::addOpenCommand(app, action, argc, argv);
  avqa::cli::addRenderCommand(app, action, argc, argv);
  avqa::cli::addTrainCommand(app, action, argc, argv);
  return avqa::cli::runCommandLine(app, action, argc, argv);
}
