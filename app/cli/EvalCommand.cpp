// eval: a model over one split of a dataset folder: paper table, blind baseline, faithfulness.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "DatasetEvaluation.h"
#include "reports/FiguresJson.h"
#include "ModelLoader.h"
#include "cli/CliSupport.h"
#include "reports/AccuracyReport.h"

namespace avqa::cli {
namespace {

nlohmann::ordered_json pairJson(const MetricPair& pair) {
  const auto number = [](const std::optional<double>& value) {
    return value ? nlohmann::ordered_json(std::round(*value * 10000.0) / 10000.0) : nlohmann::ordered_json(nullptr);
  };
  return {{"model", number(pair.model)}, {"uniform", number(pair.uniform)}};
}

std::vector<std::pair<const char*, const MetricPair*>> metrics(const FaithfulnessReport& report) {
  return {{"temporal_mass_in_evidence", &report.temporal_mass_in_evidence},
          {"temporal_mass_in_partial_evidence", &report.temporal_mass_in_partial_evidence},
          {"temporal_hit_rate", &report.temporal_hit_rate},
          {"pointing_game_sound", &report.pointing_game_sound},
          {"pointing_game_question", &report.pointing_game_question},
          {"energy_in_box_sound", &report.energy_in_box_sound},
          {"energy_in_box_question", &report.energy_in_box_question},
          {"coverage_sound", &report.coverage_sound},
          {"coverage_question", &report.coverage_question}};
}

}  // namespace

void addEvalCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    int threads = 0;
    std::string model, data, split = "test", device = "auto", by = "group";
    EvaluationSources sources;
    bool json = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("eval", fullCommandDescription("eval"));
  command->add_option("--model", options->model, "Model file")->required();
  command->add_option("--data", options->data, "Dataset folder in MUSIC-AVQA layout (videos/, avqa-*.json, ...)")->required();
  command->add_option("--split", options->split, "Split name (default test)");
  command->add_option("--threads", options->threads, "Torch threads (default 1: one video's forwards are small, and one thread measures fastest; scripts/bench-eval-batch.sh)")->check(CLI::Range(1, 256));
  command->add_option("--device", options->device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  command->add_option("--by", options->by, "Table rows: group (paper layout) or template")->check(CLI::IsMember({"group", "template"}));
  command->add_option("--features", options->sources.features_dir, "Folder of per-kind .npy features (default DATA/features)")
      ->check(CLI::ExistingDirectory);
  command->add_option("--question-features", options->sources.question_features_dir, "Folder of {question_id}.npy question features")
      ->check(CLI::ExistingDirectory);
  command->add_flag("--json", options->json, "Print one JSON object");
  command->callback([options, &action] {
    action = [options] {
      useTorchThreads(options->threads > 0 ? options->threads : 1);
      const std::unique_ptr<AvqaModel> model = loadModel(options->model, parseDeviceRequest(options->device));
      const bool terminal = ::isatty(STDERR_FILENO) == 1;
      const DatasetEvaluation evaluation = evaluateDataset(*model, options->data, options->split, CancelToken(),
                                                           [terminal](const std::string&, double fraction) {
                                                             if (terminal) std::fprintf(stderr, "\reval: %3.0f%%", fraction * 100.0);
                                                           },
                                                           options->sources);
      if (terminal) std::fprintf(stderr, "\n");
      const AccuracyReport table{model->info().name, evaluation.split, evaluation.table,
                                 options->by == "template" ? AccuracyBreakdown::Templates : AccuracyBreakdown::Groups};
      if (options->json) {
        nlohmann::ordered_json root;
        root["accuracy"] = nlohmann::ordered_json::parse(table.toJson());
        root["blind_baseline_accuracy"] = evaluation.blind_baseline_accuracy;
        // The same baseline per group, so each group's figure has its own yardstick.
        root["blind_baseline"] = nlohmann::ordered_json::parse(
            AccuracyReport{"blind baseline", evaluation.split, evaluation.blind_baseline_table, AccuracyBreakdown::Groups}.toJson());
        if (evaluation.faithfulness) {
          nlohmann::ordered_json faithfulness = nlohmann::ordered_json::object();
          for (const auto& [name, pair] : metrics(*evaluation.faithfulness)) faithfulness[name] = pairJson(*pair);
          root["faithfulness"] = faithfulness;
        } else {
          root["faithfulness"] = nullptr;
          root["faithfulness_note"] = evaluation.faithfulness_note;
        }
        nlohmann::ordered_json questions = nlohmann::ordered_json::array();
        for (const EvaluatedQuestion& q : evaluation.per_question) {
          questions.push_back({{"position", q.position}, {"question_id", q.question_id}, {"video_id", q.video_id}, {"answer", q.answer},
                               {"predicted", q.predicted}, {"right", q.answer == q.predicted},
                               {"figures", q.figures ? questionFiguresJson(*q.figures) : nlohmann::ordered_json(nullptr)}});
        }
        root["questions"] = questions;
        root["timing_s"] = {{"features", evaluation.features_s},
                            {"answering", evaluation.answering_s},
                            {"questions_per_s", evaluation.answering_s > 0 ? static_cast<double>(evaluation.per_question.size()) / evaluation.answering_s : 0.0}};
        std::cout << root.dump(2) << "\n";
        return 0;
      }
      std::cout << table.toText();
      std::printf("\nBlind baseline (template majority on this split): %.2f%%\n", evaluation.blind_baseline_accuracy);
      // The same baseline per group, in the paper layout (the report's first line names the run).
      const std::string baseline = AccuracyReport{"blind baseline", evaluation.split, evaluation.blind_baseline_table,
                                                  AccuracyBreakdown::Groups}.toText();
      std::printf("%s", baseline.substr(baseline.find('\n') + 2).c_str());
      if (!evaluation.faithfulness) {
        std::printf("\n%s\n", evaluation.faithfulness_note.c_str());
        return 0;
      }
      std::printf("\nAttention faithfulness          model   uniform\n");
      for (const auto& [name, pair] : metrics(*evaluation.faithfulness)) {
        if (!pair->model) {
          std::printf("  %-28s     -         -   (not provided)\n", name);
        } else {
          std::printf("  %-28s %6.3f    %6.3f\n", name, *pair->model, pair->uniform.value_or(0.0));
        }
      }
      return 0;
    };
  });
}

}  // namespace avqa::cli
