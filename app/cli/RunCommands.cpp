// import-predictions and table: runs of a model over a split and their accuracy.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

#include "analysis/AccuracyTable.h"
#include "cli/CliSupport.h"
#include "common/AvqaError.h"
#include "predictions/PredictionMatcher.h"
#include "analysis/RunComparison.h"
#include "analysis/RunScoring.h"
#include "reports/ComparisonTable.h"
#include "dataset/TemplateCatalog.h"
#include "reports/AccuracyReport.h"
#include "storage/RunAnswers.h"

namespace avqa::cli {
namespace {

// The split whose questions the file's keys name; refused when that is ambiguous.
SplitInfo chooseSplit(ProjectStore& store, const std::vector<PredictionEntry>& entries,
                      PredictionKey key, const std::string& file) {
  std::vector<std::pair<SplitInfo, std::size_t>> best;
  for (const SplitInfo& split : store.splits()) {
    const std::size_t matches =
        countMatchingKeys(entries, store.questions(split.id, QuestionDetail::AnalysisFields), key);
    if (matches == 0) continue;
    if (!best.empty() && matches > best.front().second) best.clear();
    if (best.empty() || matches == best.front().second) best.push_back({split, matches});
  }
  if (best.empty()) throw AvqaError(file, "no split of " + store.path() + " holds its question keys");
  if (best.size() > 1) {
    std::vector<std::string> names;
    for (const auto& entry : best) names.push_back(entry.first.name);
    throw AvqaError(file, "its keys fit several splits equally well (" + listSome(names) +
                              "); choose one with --split");
  }
  return best.front().first;
}

}  // namespace

void addImportPredictionsCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project, file, run, split, answers, key = "question_id";
    std::size_t qid_column = 0;
    std::optional<std::size_t> prediction_column;
    bool replace = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand(
      "import-predictions", "Store another tool's predictions as a run over one split");
  command->add_option("project", options->project, "Project file (*.avqa)")->required();
  command->add_option("file", options->file,
                      "Delimited text (tab, comma or whitespace) or JSON {question_id: answer}")
      ->required();
  command->add_option("--run", options->run, "Name of the run")->required();
  command->add_option("--split", options->split, "Split (default: the one holding the file's ids)");
  command->add_option("--answers", options->answers,
                      "Answer list for index predictions: JSON list or {\"ans2ix\": {...}}");
  command->add_option("--qid-column", options->qid_column, "0-based key column (default 0)");
  command->add_option("--prediction-column", options->prediction_column,
                      "0-based prediction column (default: the last)");
  command->add_option("--key", options->key,
                      "What the key is: question_id, or position (0-based record position in the split's file)")
      ->check(CLI::IsMember({"question_id", "position"}));
  command->add_flag("--replace", options->replace, "Replace a run of the same name");
  command->callback([options, &action] {
    action = [options] {
      const std::vector<PredictionEntry> entries =
          readPredictionFile(options->file, {options->qid_column, options->prediction_column});
      const std::optional<AnswerList> answers =
          options->answers.empty() ? std::nullopt : std::optional<AnswerList>(AnswerList::read(options->answers));
      const PredictionKey key = options->key == "position" ? PredictionKey::Position : PredictionKey::QuestionId;
      ProjectStore store(options->project, DbConnection::OpenMode::MustExist);
      SplitInfo split;
      if (options->split.empty()) {
        split = chooseSplit(store, entries, key, options->file);
      } else if (std::optional<SplitInfo> named = store.findSplit(options->split)) {
        split = *named;
      } else {
        throw AvqaError(options->project, "has no split \"" + options->split + "\"");
      }
      const std::vector<StoredQuestion> questions = store.questions(split.id, QuestionDetail::AnalysisFields);
      const PredictionMatch match =
          matchPredictions(entries, questions, key, answers ? &*answers : nullptr, options->file);
      if (match.predictions.empty()) {
        throw AvqaError(options->file, "none of its keys names a question of split \"" + split.name + "\"");
      }
      RunInfo run;
      run.name = options->run;
      run.split_id = split.id;
      run.source = "import-predictions";
      run.source_path = options->file;
      store.importRun(run, match.predictions, options->replace ? ExistingPolicy::Replace : ExistingPolicy::Refuse);
      std::cout << "Stored run \"" << run.name << "\" on split \"" << split.name << "\": "
                << match.predictions.size() << " of " << questions.size()
                << " questions have a prediction (" << match.matched_entries << " of "
                << entries.size() << " file entries matched)\n";
      if (!match.repeated_ids.empty()) {
        std::cout << "Question ids that apply to several records (" << match.repeated_ids.size()
                  << "): " << listSome(match.repeated_ids) << "\n";
      }
      if (!match.unmatched_keys.empty()) {
        std::cout << "Keys that name no question of the split (" << match.unmatched_keys.size()
                  << "): " << listSome(match.unmatched_keys) << "\n";
      }
      return 0;
    };
  });
}

std::string formatted(const TextTable& table, const std::string& format) {
  return format == "csv" ? table.toCsv() : table.toMarkdown();
}

void addTableCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project, run, by = "group", format = "text";
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("table", "Accuracy table of a run in the AVQA paper layout");
  command->add_option("project", options->project, "Project file (*.avqa)")->required();
  command->add_option("--run", options->run, "Run name")->required();
  command->add_option("--by", options->by, "Breakdown: group (the paper table) or template")
      ->check(CLI::IsMember({"group", "template"}));
  command->add_option("--format", options->format, "text, csv or markdown")->check(CLI::IsMember({"text", "csv", "markdown"}));
  command->add_flag("--json", options->json, "Print one JSON object");
  command->callback([options, &action] {
    action = [options] {
      ProjectStore store(options->project, DbConnection::OpenMode::MustExist);
      const RunAnswers answers = loadRunAnswers(store, options->run);
      AccuracyReport report{answers.run.name, answers.split, scoreRun(answers),
                            options->by == "template" ? AccuracyBreakdown::Templates : AccuracyBreakdown::Groups};
      if (options->json) {
        std::cout << report.toJson();
      } else if (options->format != "text") {
        std::cout << formatted(report.toTable(), options->format);
      } else {
        std::cout << report.toText();
      }
      return 0;
    };
  });
}

void addCompareCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project, run_a, run_b, show = "all", format = "text";
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("compare", "Compare two runs over one split: accuracy deltas and the questions they disagree on");
  command->add_option("project", options->project, "Project file (*.avqa)")->required();
  command->add_option("run_a", options->run_a, "Run A")->required();
  command->add_option("run_b", options->run_b, "Run B")->required();
  command->add_option("--show", options->show, "Disagreements listed: all, a-right-b-wrong, b-right-a-wrong, both-wrong")
      ->check(CLI::IsMember({"all", "a-right-b-wrong", "b-right-a-wrong", "both-wrong"}));
  command->add_option("--format", options->format, "text, csv or markdown (the delta table)")
      ->check(CLI::IsMember({"text", "csv", "markdown"}));
  command->callback([options, &action] {
    action = [options] {
      ProjectStore store(options->project, DbConnection::OpenMode::MustExist);
      const RunAnswers a = loadRunAnswers(store, options->run_a);
      const RunAnswers b = loadRunAnswers(store, options->run_b);
      const RunComparison comparison = compareStoredRuns(a, b, options->project);
      const RecordList records = a.records();
      const TextTable deltas = comparisonDeltaTable(comparison);
      if (options->format != "text") {
        std::cout << formatted(deltas, options->format);
        return 0;
      }
      for (const auto& row : deltas.rows) std::printf("%-26s %8s %8s %+8.2f\n", row[0].c_str(), row[1].c_str(), row[2].c_str(), std::stod(row[3]));
      std::printf("\n%zu questions answered differently: %lld where only %s is right, %lld where only %s is right\n",
                  comparison.disagreements.size(), static_cast<long long>(comparison.a_right_b_wrong), a.run.name.c_str(),
                  static_cast<long long>(comparison.b_right_a_wrong), b.run.name.c_str());
      const DisagreementFilter filter = options->show == "a-right-b-wrong"   ? DisagreementFilter::ARightBWrong
                                        : options->show == "b-right-a-wrong" ? DisagreementFilter::BRightAWrong
                                        : options->show == "both-wrong"      ? DisagreementFilter::BothWrong
                                                                             : DisagreementFilter::All;
      for (const Disagreement& disagreement : comparison.filtered(filter)) {
        const QaRecord& record = *records[disagreement.index];
        std::printf("%s  %s  truth: %s  %s: %s%s  %s: %s%s\n", record.video_id.c_str(),
                    fillTemplate(record.question_content, record.templ_values).c_str(), record.answer.value_or("").c_str(),
                    a.run.name.c_str(), disagreement.a.c_str(), disagreement.a_right ? " (right)" : "", b.run.name.c_str(),
                    disagreement.b.c_str(), disagreement.b_right ? " (right)" : "");
      }
      return 0;
    };
  });
}

}  // namespace avqa::cli
