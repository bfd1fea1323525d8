#pragma once

#include <functional>
#include <string>
#include <vector>

#include "analysis/TemplateBalance.h"
#include "storage/ProjectStore.h"

namespace CLI {
class App;
class Validator;
}

namespace avqa::cli {

// What a subcommand does once its options are parsed; returns the exit code.
using CommandAction = std::function<int()>;

void addImportCommand(CLI::App& app, CommandAction& action);
void addExportCommand(CLI::App& app, CommandAction& action);
void addStatsCommand(CLI::App& app, CommandAction& action);
void addImportPredictionsCommand(CLI::App& app, CommandAction& action);
void addTableCommand(CLI::App& app, CommandAction& action);
void addCompareCommand(CLI::App& app, CommandAction& action);
void addExampleCommand(CLI::App& app, CommandAction& action);
void addSynthCommand(CLI::App& app, CommandAction& action);
void addContactSheetCommand(CLI::App& app, CommandAction& action);
void addAskCommand(CLI::App& app, CommandAction& action);
void addExtractCommand(CLI::App& app, CommandAction& action);
void addEvalCommand(CLI::App& app, CommandAction& action);
void addRunCommand(CLI::App& app, CommandAction& action);
void addAnnotateCommand(CLI::App& app, CommandAction& action);
void addAuditCommand(CLI::App& app, CommandAction& action);
void addCheckCommand(CLI::App& app, CommandAction& action);
void addFoldersCommand(CLI::App& app, CommandAction& action);
void addTransferCommands(CLI::App& app, CommandAction& action);  // push, pull
void addDoubleAnnotationCommands(CLI::App& app, CommandAction& action);  // blind-assign, agreement
void addEvidenceCommands(CLI::App& app, CommandAction& action);  // import-evidence, export-evidence
void addInspectCommand(CLI::App& app, CommandAction& action, int& argc, char** argv);
void addOpenCommand(CLI::App& app, CommandAction& action, int& argc, char** argv);
void addRenderCommand(CLI::App& app, CommandAction& action, int& argc, char** argv);
void addTrainCommand(CLI::App& app, CommandAction& action, int argc, char** argv);

// `avqa-lens` alone: the GUI on the demo, made on first run.
int runDemoGui(int& argc, char** argv);

// How the window starts: the demo, or a project / video / model / question given.
struct GuiStart {
  std::string project, model, video, question;
  bool demo = false;
};
int runGui(int& argc, char** argv, GuiStart start);

// The questions of one split (or of every split when `split` is empty), loaded once.
struct LoadedSplit {
  std::string name;
  std::vector<StoredQuestion> questions;
  RecordList records() const;
};
LoadedSplit loadSplit(ProjectStore& store, const std::string& split);

// The CLI runs one model at a time in its main thread: torch may use every core there.
// (Defined with the model commands: only avqa-lens-full links LibTorch.)
void useAllCoresForTorch();
void useTorchThreads(int requested);  // 0: every core

// Commands that need no model, registered in both executables.
void addCoreCommands(CLI::App& app, CommandAction& action);
// Commands run by avqa-lens-full: those that load a model (LibTorch), open the window (Qt
// Widgets) or write media (FluidSynth): the name and the help line `avqa-lens --help` shows.
struct FullCommand {
  const char* name;
  const char* description;
};
const std::vector<FullCommand>& fullCommands();
const char* fullCommandDescription(const std::string& name);
// Parses and runs: exit 0 success, 1 the work failed (message on stderr), 2 a usage error.
int runCommandLine(CLI::App& app, CommandAction& action, int argc, char** argv);

// A project argument: an existing file, or a server project URL (every command works on both).
CLI::Validator projectFileOrServerUrl();

// "a, b, c ... and 12 more"
std::string listSome(const std::vector<std::string>& items, std::size_t limit = 20);

}  // namespace avqa::cli
