// audit: whether a stored run's attention is right, per group or template and question by
// question, from the maps stored with its predictions and the project's evidence.
#include <CLI/CLI.hpp>

#include <optional>

#include <cstdio>
#include <iostream>
#include <memory>

#include <unistd.h>

#include "ModelLoader.h"
#include "PerturbationCheck.h"
#include "RunAudit.h"
#include "common/AvqaError.h"
#include "features/FeatureCache.h"
#include "cli/CliSupport.h"
#include "reports/AuditReport.h"

namespace avqa::cli {
namespace {

// audit --vs: the two runs' figures on the questions both have, and the paired differences.
template <typename Options>
int printComparison(ProjectStore& store, const RunAudit& a, const Options& options, AuditGrouping grouping) {
  const RunAudit b = auditRun(store, options.vs, options.ground_truth);
  if (a.split != b.split) {
    throw AvqaError(store.path(), "runs \"" + a.run.name + "\" (split " + a.split + ") and \"" + b.run.name + "\" (split " +
                                      b.split + ") are not on the same split");
  }
  const std::vector<AuditDelta> rows = compareAudits(a.questions, b.questions, grouping, options.ignored_below);
  if (options.format == "json") {
    nlohmann::ordered_json json{{"a", a.run.name}, {"b", b.run.name}, {"split", a.split}, {"rows", auditComparisonJson(rows)}};
    std::cout << json.dump(2) << "\n";
    return 0;
  }
  const TextTable table = auditComparisonTable(rows);
  if (options.format == "csv") {
    std::cout << table.toCsv();
    return 0;
  }
  std::printf("A = run \"%s\", B = run \"%s\", split \"%s\": %d questions with figures in both\n\n", a.run.name.c_str(),
              b.run.name.c_str(), a.split.c_str(), rows.empty() ? 0 : rows.back().questions);
  std::cout << table.toMarkdown();
  return 0;
}

}  // namespace

void addAuditCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project, run, vs, by = "group", show = "summary", format = "text", ground_truth, model, device = "auto";
    PerturbationOptions perturb;
    bool run_checks = false;
    double ignored_below = kSoundIgnoredBelow;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("audit", fullCommandDescription("audit"));
  command->add_option("project", options->project, "Project file (*.avqa), or a server project URL (without --perturb)")->required();
  command->add_option("--run", options->run, "Run name (a model's run: its maps are stored with it)")->required();
  command->add_option("--vs", options->vs,
                      "A second run of the same split: both runs' figures on the questions both have, and how they differ");
  command->add_option("--ground-truth", options->ground_truth,
                      "groundtruth.json with the evidence, by question_id (default: the project's: drawn by annotators, else the "
                      "groundtruth.json beside its video folders)")
      ->check(CLI::ExistingFile);
  command->add_flag("--perturb", options->run_checks,
                   "First run the checks that need no ground truth (audio swap with another video of the split, deletion of the "
                   "most and least attended patches and steps) for the questions not checked yet; stored, resumable");
  command->add_option("--model", options->model, "Model for --perturb (default: the run's own model file)");
  command->add_option("--videos", options->perturb.videos_dir, "Folder of the split's videos for --perturb (default: the project's folders)");
  command->add_option("--features", options->perturb.features_dir, "Folder of per-kind .npy features for --perturb");
  command->add_option("--question-features", options->perturb.question_features_dir, "Folder of {question_id}.npy for --perturb");
  command->add_option("--ignore-below", options->ignored_below,
                      "A sound map that moves less than this on the audio swap ignores the sound (default 0.1)")
      ->check(CLI::Range(0.0, 1.0));
  command->add_option("--device", options->device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  command->add_option("--by", options->by, "group or template")->check(CLI::IsMember({"group", "template"}));
  command->add_option("--show", options->show,
                      "summary; or list questions: all, right-wrong-place (right answer, attention off the evidence), "
                      "wrong-right-place")
      ->check(CLI::IsMember({"summary", "all", "right-wrong-place", "wrong-right-place", "sound-ignored"}));
  command->add_option("--format", options->format, "text, csv, markdown or json")->check(CLI::IsMember({"text", "csv", "markdown", "json"}));
  command->callback([options, &action] {
    action = [options] {
      // --perturb stores its checks: a project file only; the figures alone read a server project too.
      ProjectStore store(options->project, DbConnection::OpenMode::MustExist);
      if (options->run_checks) {
        const std::optional<RunInfo> run = store.findRun(options->run);
        if (!run) throw AvqaError(options->project, "has no run \"" + options->run + "\"");
        const std::string model_file = !options->model.empty() ? options->model : run->source == "model" ? run->source_path : "";
        if (model_file.empty()) throw UsageError("run \"" + options->run + "\" has no model behind it: give --model for --perturb");
        // Each check is a single-question forward: one thread runs those fastest (splitting
        // small ops across cores costs more than it gains; README, Performance).
        setTorchThreadsForThisThread(1);
        const std::unique_ptr<AvqaModel> model = loadModel(model_file, parseDeviceRequest(options->device));
        options->perturb.run = options->run;
        options->perturb.feature_cache_root = FeatureCache::defaultRoot();
        const bool terminal = ::isatty(STDERR_FILENO) == 1;
        const PerturbationRunResult checked = checkRunPerturbations(store, *model, options->perturb, CancelToken(),
                                                                    [terminal](const std::string&, double fraction) {
                                                                      if (terminal) std::fprintf(stderr, "\rperturb: %3.0f %%", fraction * 100.0);
                                                                    });
        if (terminal) std::fprintf(stderr, "\n");
        std::fprintf(stderr, "perturbation checks: %zu new, %zu already stored\n", checked.checked, checked.already_stored);
      }
      const RunAudit audit = auditRun(store, options->run, options->ground_truth);
      const AuditGrouping grouping = options->by == "template" ? AuditGrouping::Templates : AuditGrouping::Groups;
      if (!options->vs.empty()) return printComparison(store, audit, *options, grouping);
      const std::vector<AuditRow> rows =
          summariseAudit(audit.questions, grouping, options->ignored_below);
      const AuditList list = options->show == "right-wrong-place"   ? AuditList::RightWrongPlace
                             : options->show == "wrong-right-place" ? AuditList::WrongRightPlace
                             : options->show == "sound-ignored"     ? AuditList::SoundIgnored
                                                                    : AuditList::All;
      const std::vector<const AuditedQuestion*> listed = options->show == "summary" ? std::vector<const AuditedQuestion*>{}
                                                                                    : auditList(audit.questions, list, options->ignored_below);
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
