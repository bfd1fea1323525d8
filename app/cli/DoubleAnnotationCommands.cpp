// blind-assign and agreement: double annotation of a split. Two annotators answer its
// questions blind (`annotate --blind --who NAME`); agreement reports % agreement and Cohen's
// kappa per template and lists the disagreements to adjudicate (an ordinary answer edit).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

#include "analysis/AnnotatorAgreement.h"
#include "cli/CliSupport.h"
#include "common/AvqaError.h"
#include "storage/BlindAnswerStore.h"

namespace avqa::cli {
namespace {

std::int64_t splitId(ProjectStore& project, const std::string& split) {
  const std::optional<SplitInfo> info = project.findSplit(split);
  if (!info) throw AvqaError(project.path(), "has no split \"" + split + "\"");
  return info->id;
}

nlohmann::json figuresJson(const AgreementFigures& figures) {
  nlohmann::json json = {{"group", figures.group}, {"questions", figures.questions}, {"agreement_percent", figures.agreement_percent}};
  if (!figures.template_text.empty()) json["template"] = figures.template_text;
  json["kappa"] = figures.kappa ? nlohmann::json(*figures.kappa) : nlohmann::json(nullptr);
  return json;
}

std::string kappaText(const std::optional<double>& kappa) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", kappa.value_or(0.0));
  return kappa ? text : "n/a";
}

}  // namespace

void addDoubleAnnotationCommands(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project, split;
    std::vector<std::string> annotators;
    bool json = false;
  };
  auto assign_options = std::make_shared<Options>();
  CLI::App* assign = app.add_subcommand("blind-assign", "Give a split's questions to two annotators to answer blind (double annotation)");
  assign->add_option("project", assign_options->project, "Project file (*.avqa) or server URL")->required()->check(projectFileOrServerUrl());
  assign->add_option("--split", assign_options->split, "Split")->required();
  assign->add_option("--annotators", assign_options->annotators, "The two annotators' names")->required()->delimiter(',')->expected(2);
  assign->callback([assign_options, &action] {
    action = [options = assign_options] {
      ProjectStore project(options->project, DbConnection::OpenMode::MustExist);
      BlindAnswerStore(project).assign(splitId(project, options->split), options->annotators[0], options->annotators[1]);
      std::printf("Split \"%s\" goes to %s and %s: each answers with `avqa-lens annotate %s --blind --who NAME`\n",
                  options->split.c_str(), options->annotators[0].c_str(), options->annotators[1].c_str(), options->project.c_str());
      return 0;
    };
  });

  auto report_options = std::make_shared<Options>();
  CLI::App* agreement = app.add_subcommand("agreement", "Agreement of a split's two blind annotators: % and Cohen's kappa per template, and the disagreements");
  agreement->add_option("project", report_options->project, "Project file (*.avqa) or server URL")->required()->check(projectFileOrServerUrl());
  agreement->add_option("--split", report_options->split, "Split")->required();
  agreement->add_flag("--json", report_options->json, "JSON instead of a table");
  agreement->callback([report_options, &action] {
    action = [options = report_options] {
      ProjectStore project(options->project, DbConnection::OpenMode::MustExist);
      const std::int64_t split = splitId(project, options->split);
      BlindAnswerStore blind(project);
      const std::vector<std::string> annotators = blind.annotators(split);
      if (annotators.size() != 2) throw AvqaError(project.path(), "split \"" + options->split + "\" has no blind annotators (blind-assign)");
      const AgreementReport report = annotatorAgreement(blind.pairs(split));
      if (options->json) {
        nlohmann::json json = {{"split", options->split}, {"annotators", annotators}, {"overall", figuresJson(report.overall)}};
        json["templates"] = nlohmann::json::array();
        for (const AgreementFigures& figures : report.templates) json["templates"].push_back(figuresJson(figures));
        json["disagreements"] = nlohmann::json::array();
        for (const BlindPair& pair : report.disagreements) {
          json["disagreements"].push_back({{"row", pair.row}, {"question", pair.question},
                                           {"answers", {{annotators[0], pair.first_answer}, {annotators[1], pair.second_answer}}},
                                           {"stored", pair.stored_answer ? nlohmann::json(*pair.stored_answer) : nlohmann::json(nullptr)}});
        }
        std::cout << json.dump(2) << "\n";
        return 0;
      }
      std::printf("Split %s: %s answered %lld, %s %lld; both answered %lld questions\n", options->split.c_str(), annotators[0].c_str(),
                  static_cast<long long>(blind.answeredBy(split, annotators[0])), annotators[1].c_str(),
                  static_cast<long long>(blind.answeredBy(split, annotators[1])), static_cast<long long>(report.overall.questions));
      std::printf("%-28s %6s %8s %6s  %s\n", "group", "n", "agree", "kappa", "template");
      for (const AgreementFigures& figures : report.templates) {
        std::printf("%-28s %6lld %7.1f%% %6s  %s\n", figures.group.c_str(), static_cast<long long>(figures.questions),
                    figures.agreement_percent, kappaText(figures.kappa).c_str(), figures.template_text.c_str());
      }
      std::printf("%-28s %6lld %7.1f%% %6s\n", "all", static_cast<long long>(report.overall.questions), report.overall.agreement_percent,
                  kappaText(report.overall.kappa).c_str());
      std::printf("%zu disagreement(s) to adjudicate (an answer edit stores the answer export writes):\n", report.disagreements.size());
      for (const BlindPair& pair : report.disagreements) {
        std::printf("  row %lld  %s  %s: %s  %s: %s  stored: %s\n", static_cast<long long>(pair.row), pair.question.c_str(),
                    annotators[0].c_str(), pair.first_answer.c_str(), annotators[1].c_str(), pair.second_answer.c_str(),
                    pair.stored_answer.value_or("(none)").c_str());
      }
      return 0;
    };
  });
}

}  // namespace avqa::cli
