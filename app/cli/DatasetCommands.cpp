// import, export and stats: getting MUSIC-AVQA question files in and out of a project.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <future>
#include <iostream>
#include <memory>

#include "cli/CliSupport.h"
#include "common/AvqaError.h"
#include "common/OutputFile.h"
#include "dataset/ImportSummary.h"
#include "storage/NewProjectImport.h"
#include "storage/PgConnection.h"
#include "reports/DatasetReport.h"

namespace avqa::cli {

void addImportCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project, file, split;
    bool replace = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "import", "Import a MUSIC-AVQA-family question file into a project (created if missing)");
  command->add_option("project", options->project, "Project file (*.avqa)")->required();
  command->add_option("--music-avqa", options->file, "Question file (JSON list of records)")->required();
  command->add_option("--split", options->split,
                      "Split name (default: the file's stem without a leading \"avqa-\")");
  command->add_flag("--replace", options->replace, "Replace a split of the same name");
  command->callback([options, &action] {
    action = [options] {
      // Parse everything before the project is touched: bad input changes nothing stored.
      const MusicAvqaFile file = readMusicAvqaFile(options->file);
      const std::string split = options->split.empty() ? defaultSplitName(options->file) : options->split;
      if (split.empty()) throw UsageError("cannot derive a split name from " + options->file + "; give --split");
      // The summary only reads the records: it is counted on the other core while SQLite writes.
      std::future<ImportSummary> summarized = std::async(std::launch::async, [&file] { return summarizeImport(file); });
      SplitImportResult result;
      if (isServerUrl(options->project) || std::filesystem::exists(options->project)) {
        // A server project is made by its first import, in the import's transaction.
        ProjectStore store(options->project, isServerUrl(options->project) ? DbConnection::OpenMode::CreateIfMissing
                                                                           : DbConnection::OpenMode::MustExist);
        result = store.importSplit(split, file, options->replace ? ExistingPolicy::Replace : ExistingPolicy::Refuse);
      } else {
        result = importIntoNewProject(options->project, split, file);
      }
      const ImportSummary summary = summarized.get();
      std::cout << (result.replaced ? "Replaced" : "Imported") << " split \"" << split << "\" in "
                << options->project << " from " << options->file << ": " << summary.records
                << " records, " << summary.videos << " videos, " << summary.templates
                << " templates, " << summary.answers << " answers\n";
      if (result.runs_removed > 0) {
        std::cout << "Removed " << result.runs_removed << " run(s) of the replaced split\n";
      }
      if (!summary.duplicated_ids.empty()) {
        std::vector<std::string> items;
        for (const DuplicatedQuestionId& id : summary.duplicated_ids) {
          items.push_back(id.question_id + " (" + std::to_string(id.records) + " records" +
                          (id.distinct_answers > 1 ? ", answers differ)" : ")"));
        }
        std::cout << "Duplicated question ids, all records kept (" << items.size()
                  << "): " << listSome(items) << "\n";
      }
      if (!summary.records_without_id.empty()) {
        std::vector<std::string> items;
        for (std::size_t record : summary.records_without_id) items.push_back("#" + std::to_string(record));
        std::cout << "Records without question_id, all kept (" << items.size()
                  << "): " << listSome(items) << "\n";
      }
      return 0;
    };
  });
}

void addExportCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project, split, out;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "export", "Write a split back as a MUSIC-AVQA file (byte-identical when unedited)");
  command->add_option("project", options->project, "Project file (*.avqa)")->required();
  command->add_option("--split", options->split, "Split to export")->required();
  command->add_option("--out", options->out, "Output JSON file")->required();
  command->callback([options, &action] {
    action = [options] {
      ProjectStore store(options->project, DbConnection::OpenMode::MustExist);
      std::optional<SplitInfo> split = store.findSplit(options->split);
      if (!split) throw AvqaError(options->project, "has no split \"" + options->split + "\"");
      writeFileAtomically(options->out, store.exportSplit(split->id));
      std::cout << "Wrote " << split->record_count << " records of split \"" << split->name
                << "\" to " << options->out << "\n";
      return 0;
    };
  });
}

void addStatsCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project, split, fit_split, group = "modality+type";
    BalanceThresholds thresholds;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "stats", "Per-template answer balance, head/tail split and the blind baseline");
  command->add_option("project", options->project, "Project file (*.avqa)")->required();
  command->add_option("--split", options->split, "Split to analyse (default: every split)");
  command->add_option("--binary-threshold", options->thresholds.binary,
                      "Largest dominant-answer share of a yes/no template (0..1)")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--multi-threshold", options->thresholds.multi_class,
                      "Largest dominant-answer share of a multi-class template (0..1)")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--group", options->group, "Head/tail groups: modality+type or template")
      ->check(CLI::IsMember({"modality+type", "template"}));
  command->add_option("--fit-split", options->fit_split,
                      "Split the blind baseline learns its majorities from (default: --split)");
  command->add_flag("--json", options->json, "Print one JSON object");
  command->callback([options, &action] {
    action = [options] {
      ProjectStore store(options->project, DbConnection::OpenMode::MustExist);
      const LoadedSplit split = loadSplit(store, options->split);
      const bool separate_fit = !options->fit_split.empty() && options->fit_split != split.name;
      const LoadedSplit fit = separate_fit ? loadSplit(store, options->fit_split) : LoadedSplit{};
      const LoadedSplit& fit_split = separate_fit ? fit : split;
      const DatasetReport report = DatasetReport::compute(
          split.name, split.records(), fit_split.name, fit_split.records(), options->thresholds,
          options->group == "template" ? HeadTailGrouping::Template : HeadTailGrouping::ModalityType);
      std::cout << (options->json ? report.toJson() : report.toText());
      return 0;
    };
  });
}

}  // namespace avqa::cli
