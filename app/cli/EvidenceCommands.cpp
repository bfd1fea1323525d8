// avqa-lens import-evidence / export-evidence: groundtruth.json in and out of a project.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "annotation/EvidenceTransfer.h"
#include "cli/CliSupport.h"
#include "common/AvqaError.h"
#include "common/OutputFile.h"
#include "common/Timestamp.h"

namespace avqa::cli {
namespace {

SplitInfo requireSplit(ProjectStore& store, const std::string& name) {
  const std::optional<SplitInfo> split = store.findSplit(name);
  if (!split) throw AvqaError(store.path(), "has no split \"" + name + "\"");
  return *split;
}

PredictionKey keyOption(const std::string& text) { return text == "position" ? PredictionKey::Position : PredictionKey::QuestionId; }

const char* kKeyHelp = "What the file's question keys are: question_id, or position (0-based record position in the split)";

}  // namespace

void addEvidenceCommands(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project, file, split, key = "question_id", who, out;
  };
  auto in = std::make_shared<Options>();
  CLI::App* import = app.add_subcommand(
      "import-evidence", "Store groundtruth.json evidence (seconds, boxes) with a split's questions, as annotation edits");
  import->add_option("project", in->project, "Project file (*.avqa)")->required()->check(projectFileOrServerUrl());
  import->add_option("file", in->file, "groundtruth.json ({\"questions\": {KEY: {evidence_seconds, evidence_boxes}}})")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_option("--split", in->split, "Split the questions belong to")->required();
  import->add_option("--key", in->key, kKeyHelp)->check(CLI::IsMember({"question_id", "position"}));
  import->add_option("--who", in->who, "Name in the edit history (default: $USER)");
  import->callback([in, &action] {
    action = [in] {
      const std::map<std::string, Evidence> questions = readEvidenceFile(in->file);
      ProjectStore store(in->project, DbConnection::OpenMode::MustExist);
      const SplitInfo split = requireSplit(store, in->split);
      AnnotationSession session(store, in->who.empty() ? currentUserName() : in->who);
      const EvidenceImport result = importEvidence(store, session, split.id, questions, keyOption(in->key));
      std::cout << "Stored evidence for " << result.stored << " questions of split \"" << split.name << "\"";
      if (result.unmatched > 0) std::cout << "; " << result.unmatched << " file entries match no question";
      if (result.ambiguous > 0) {
        std::cout << "; " << result.ambiguous << " keys are shared by several questions (skipped: use --key position)";
      }
      std::cout << "\n";
      return 0;
    };
  });

  auto out = std::make_shared<Options>();
  CLI::App* export_command = app.add_subcommand(
      "export-evidence", "Write the evidence of a split's questions (drawn, or the benchmark's) as groundtruth.json");
  export_command->add_option("project", out->project, "Project file (*.avqa) or server project URL")->required();
  export_command->add_option("--split", out->split, "Split")->required();
  export_command->add_option("--out", out->out, "groundtruth.json to write")->required();
  export_command->add_option("--key", out->key, kKeyHelp)->check(CLI::IsMember({"question_id", "position"}));
  export_command->callback([out, &action] {
    action = [out] {
      ProjectStore store(out->project, DbConnection::OpenMode::MustExist);
      const SplitInfo split = requireSplit(store, out->split);
      writeFileAtomically(out->out, exportEvidence(store, split.id, keyOption(out->key)));
      return 0;
    };
  });
}

}  // namespace avqa::cli
