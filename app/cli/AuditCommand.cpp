// audit: whether a stored run's attention is right, per group or template and question by
// question, from the maps stored with its predictions and the project's evidence.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

#include "RunAudit.h"
#include "cli/CliSupport.h"
#include "reports/AuditReport.h"

namespace avqa::cli {

void addAuditCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project, run, by = "group", show = "summary", format = "text", ground_truth;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("audit", "Is a run's attention on the evidence? Figures per group or template, and the questions to look at");
  command->add_option("project", options->project, "Project file (*.avqa)")->required()->check(CLI::ExistingFile);
  command->add_option("--run", options->run, "Run name (a model's run: its maps are stored with it)")->required();
  command->add_option("--ground-truth", options->ground_truth,
                      "groundtruth.json with the evidence (default: the one beside each of the project's video folders)")
      ->check(CLI::ExistingFile);
  command->add_option("--by", options->by, "group or template")->check(CLI::IsMember({"group", "template"}));
  command->add_option("--show", options->show,
                      "summary; or list questions: all, right-wrong-place (right answer, attention off the evidence), "
                      "wrong-right-place")
      ->check(CLI::IsMember({"summary", "all", "right-wrong-place", "wrong-right-place"}));
  command->add_option("--format", options->format, "text, csv, markdown or json")->check(CLI::IsMember({"text", "csv", "markdown", "json"}));
  command->callback([options, &action] {
    action = [options] {
      ProjectStore store(options->project, SqliteConnection::OpenMode::MustExist);
      const RunAudit audit = auditRun(store, options->run, options->ground_truth);
      const std::vector<AuditRow> rows =
          summariseAudit(audit.questions, options->by == "template" ? AuditGrouping::Templates : AuditGrouping::Groups);
      const AuditList list = options->show == "right-wrong-place"   ? AuditList::RightWrongPlace
                             : options->show == "wrong-right-place" ? AuditList::WrongRightPlace
                                                                    : AuditList::All;
      const std::vector<const AuditedQuestion*> listed =
          options->show == "summary" ? std::vector<const AuditedQuestion*>{} : auditList(audit.questions, list);
      if (options->format == "json") {
        nlohmann::ordered_json json = auditJson(rows, listed);
        json["run"] = audit.run.name;
        json["split"] = audit.split;
        json["with_figures"] = audit.with_figures;
        json["without_maps"] = audit.without_maps;
        json["without_evidence"] = audit.without_evidence;
        std::cout << json.dump(2) << "\n";
        return 0;
      }
      const TextTable table = options->show == "summary" ? auditTable(rows) : auditListTable(listed);
      if (options->format == "csv") {
        std::cout << table.toCsv();
        return 0;
      }
      std::printf("Run \"%s\" on split \"%s\": %zu questions, %zu with attention figures, %zu without stored maps, "
                  "%zu without evidence\n\n",
                  audit.run.name.c_str(), audit.split.c_str(), audit.questions.size(), audit.with_figures, audit.without_maps,
                  audit.without_evidence);
      std::cout << table.toMarkdown();
      if (audit.with_figures == 0) {
        std::printf("\nNo figures: the run has no stored maps (imported predictions, or a run stored before maps were kept: "
                    "run it again with --replace) or the project has no evidence (groundtruth.json beside its videos).\n");
      }
      return 0;
    };
  });
}

}  // namespace avqa::cli
