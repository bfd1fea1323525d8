#include "cli/CliSupport.h"
#include "storage/PgConnection.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "common/AvqaError.h"

namespace avqa::cli {

RecordList LoadedSplit::records() const {
  RecordList records;
  records.reserve(questions.size());
  for (const StoredQuestion& question : questions) records.push_back(&question.record);
  return records;
}

LoadedSplit loadSplit(ProjectStore& store, const std::string& split) {
  LoadedSplit loaded;
  if (!split.empty()) {
    std::optional<SplitInfo> info = store.findSplit(split);
    if (!info) throw AvqaError(store.path(), "has no split \"" + split + "\"");
    loaded.name = split;
    loaded.questions = store.questions(info->id, QuestionDetail::AnalysisFields);
    return loaded;
  }
  const std::vector<SplitInfo> splits = store.splits();
  if (splits.empty()) throw AvqaError(store.path(), "holds no questions yet (import a file first)");
  loaded.name = splits.size() == 1 ? splits.front().name : "all";
  for (const SplitInfo& info : splits) {
    std::vector<StoredQuestion> questions = store.questions(info.id, QuestionDetail::AnalysisFields);
    std::move(questions.begin(), questions.end(), std::back_inserter(loaded.questions));
  }
  return loaded;
}

const std::vector<FullCommand>& fullCommands() {
  static const std::vector<FullCommand> kCommands = {
      {"synth", "Generate the synthetic music-performance benchmark (videos, questions, ground truth)"},
      {"contact-sheet", "Tile one frame of each video into a PNG"},
      {"ask", "Ask a model a question about a video; show where and when it looked"},
      {"extract", "Compute and cache a model's features for many videos"},
      {"eval", "Evaluate a model on a dataset folder: accuracy table, baseline, faithfulness"},
      {"run", "Run a model over a project's split and store its predictions as a run"},
      {"render", "Render an answer's attention: the video with its overlay and timeline (MP4) or the attended seconds (PNG)"},
      {"train", "Train a built-in model (avst, pstp, avmaster, avunified) on a dataset folder"},
      {"open", "Open a project in the window (its questions, videos and past answers)"},
      {"inspect", "Open the inspector window on a video"},
      {"audit", "Is a run's attention on the evidence? Figures per group or template, and the questions to look at"}};
  return kCommands;
}

const char* fullCommandDescription(const std::string& name) {
  for (const FullCommand& command : fullCommands()) {
    if (name == command.name) return command.description;
  }
  return "";
}

CLI::Validator projectFileOrServerUrl() {
  return CLI::Validator(
      [](std::string& value) -> std::string { return isServerUrl(value) ? std::string() : CLI::ExistingFile(value); }, "FILE|URL");
}

void addCoreCommands(CLI::App& app, CommandAction& action) {
  addImportCommand(app, action);
  addExportCommand(app, action);
  addStatsCommand(app, action);
  addImportPredictionsCommand(app, action);
  addTableCommand(app, action);
  addCompareCommand(app, action);
  addExampleCommand(app, action);
  addAnnotateCommand(app, action);
  addCheckCommand(app, action);
  addFoldersCommand(app, action);
  addEvidenceCommands(app, action);
  addTransferCommands(app, action);
  addDoubleAnnotationCommands(app, action);
}

int runCommandLine(CLI::App& app, CommandAction& action, int argc, char** argv) {
  constexpr int kExitOk = 0;
  constexpr int kExitFailure = 1;
  constexpr int kExitUsage = 2;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);  // prints help, or the error and a hint
    return code == 0 ? kExitOk : kExitUsage;
  }
  try {
    return action ? action() : kExitUsage;
  } catch (const UsageError& error) {
    std::cerr << "avqa-lens: usage error: " << error.what() << "\n";
    return kExitUsage;
  } catch (const std::exception& error) {
    std::cerr << "avqa-lens: error: " << error.what() << "\n";
    return kExitFailure;
  }
}

std::string listSome(const std::vector<std::string>& items, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > limit) out += " ... and " + std::to_string(items.size() - limit) + " more";
  return out;
}

}  // namespace avqa::cli
