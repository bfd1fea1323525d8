// avqa-lens: command-line entry. Commands that need no model run here, without LibTorch
// (a 0.4 s, 170 MiB start-up) or FluidSynth; the window, the model commands and synth are
// handed, with the same arguments, to avqa-lens-full, which links them.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "cli/CliSupport.h"

namespace {

// Next to this executable in a build tree; in lib/avqa-lens/ when installed.
std::filesystem::path fullExecutable() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  const std::filesystem::path folder = error ? std::filesystem::path(".") : self.parent_path();
  for (const std::filesystem::path& candidate : {folder / "avqa-lens-full", folder / "../lib/avqa-lens/avqa-lens-full"}) {
    if (std::filesystem::is_regular_file(candidate)) return candidate.lexically_normal();
  }
  return folder / "avqa-lens-full";
}

int runFull(char** argv) {
  const std::string path = fullExecutable().string();
  // LibTorch's OpenMP threads spin between parallel regions by default and starve OpenBLAS's
  // threads of the same cores: a training step on two cores ran 2-10x slower than with idle
  // threads that sleep. libgomp reads this once, as it loads, so it is set before the exec;
  // a value the user set is kept.
  ::setenv("OMP_WAIT_POLICY", "passive", 0);
  ::execv(path.c_str(), argv);
  std::cerr << "avqa-lens: error: " << path << ": cannot start it (" << std::strerror(errno)
            << "); it runs the window and the commands that load a model\n";
  return 1;
}

bool isFullCommand(const char* word) {
  for (const avqa::cli::FullCommand& command : avqa::cli::fullCommands()) {
    if (std::strcmp(word, command.name) == 0) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGXFSZ, SIG_IGN);  // a file-size limit fails the write, as a full disk does
  if (argc == 1) return runFull(argv);  // the window on the demo
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == '-') continue;  // --help, --version
    if (isFullCommand(argv[i])) return runFull(argv);
    break;
  }
  CLI::App app{"AVQA Lens: music-performance audio-visual question answering workbench", "avqa-lens"};
  app.require_subcommand(1);
  app.set_version_flag("--version", AVQA_VERSION);
  avqa::cli::CommandAction action;
  avqa::cli::addCoreCommands(app, action);
  // Listed in --help; never parsed here (handed over above).
  for (const avqa::cli::FullCommand& command : avqa::cli::fullCommands()) app.add_subcommand(command.name, command.description);
  return avqa::cli::runCommandLine(app, action, argc, argv);
}
