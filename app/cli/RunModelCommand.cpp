// run: a model over a project's split, stored as a run (resumable, with provenance).
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <thread>

#include "ModelLoader.h"
#include "SplitRun.h"
#include "cli/CliSupport.h"
#include "common/AvqaError.h"
#include "features/FeatureCache.h"
#include "media/VideoFiles.h"

namespace avqa::cli {
void addRunCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    int threads = 0;
    std::string project, model, split, run, videos, features, question_features, device = "auto";
    bool replace = false, worker = false;
    double lease_s = 60;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("run", fullCommandDescription("run"));
  command->add_option("project", options->project, "Project file (*.avqa)")->required();
  command->add_option("--model", options->model, "Model file")->required();
  command->add_option("--split", options->split, "Split")->required();
  command->add_option("--run", options->run, "Run name (an unfinished run of this name is resumed)")->required();
  command->add_option("--videos", options->videos, "Folder of the split's videos ({video_id}.mp4 ...); default the project's video folders");
  command->add_option("--features", options->features, "Folder of per-kind .npy features");
  command->add_option("--question-features", options->question_features, "Folder of {question_id}.npy question features");
  command->add_option("--threads", options->threads, "Torch threads (default 1: one video's forwards are small, and one thread measures fastest; scripts/bench-eval-batch.sh)")->check(CLI::Range(1, 256));
  command->add_option("--device", options->device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  CLI::Option* replace = command->add_flag("--replace", options->replace, "Start the run over");
  command->add_flag("--worker", options->worker,
                    "Share the run with other workers (other processes or machines on a server project): claim videos "
                    "nobody holds, until every video is done")
      ->excludes(replace);
  command->add_option("--lease-s", options->lease_s, "A worker's claim on a video lasts this long; then another worker takes it")
      ->check(CLI::Range(1.0, 86400.0));
  command->callback([options, &action] {
    action = [options] {
      ProjectStore store(options->project, DbConnection::OpenMode::MustExist);
      if (!store.findSplit(options->split)) throw AvqaError(options->project, "has no split \"" + options->split + "\"");
      useTorchThreads(options->threads > 0 ? options->threads : 1);
      const std::unique_ptr<AvqaModel> model = loadModel(options->model, parseDeviceRequest(options->device));
      const ModelInfo& info = model->info();
      SplitRunOptions run;
      run.split = options->split;
      run.run = options->run;
      run.model_path = options->model;
      run.videos_dir = options->videos;
      run.features_dir = options->features;
      run.question_features_dir = options->question_features;
      run.feature_cache_root = FeatureCache::defaultRoot();
      run.replace = options->replace;
      if (options->worker) {
        char host[256] = {};
        ::gethostname(host, sizeof host - 1);
        run.worker = std::string(host) + ":" + std::to_string(::getpid());
        run.lease_s = options->lease_s;
      }
      const bool terminal = ::isatty(STDERR_FILENO) == 1;
      const SplitRunResult result = runModelOverSplit(store, *model, run, CancelToken(), [terminal](const std::string&, double fraction) {
        if (terminal) std::fprintf(stderr, "\rrun: %3.0f %% of the videos", fraction * 100.0);
      });
      if (terminal) std::fprintf(stderr, "\n");
      const std::size_t answered = result.answered;
      const std::size_t already = result.already_stored;
      std::printf("Run \"%s\" of model %s on split \"%s\": %zu new predictions, %zu were already stored. "
                  "Accuracy: avqa-lens table %s --run %s\n",
                  options->run.c_str(), info.name.c_str(), options->split.c_str(), answered, already, options->project.c_str(),
                  options->run.c_str());
      for (const auto& [worker, videos] : result.workers) std::printf("worker %s stored %lld video(s)\n", worker.c_str(), static_cast<long long>(videos));
      return 0;
    };
  });
}

}  // namespace avqa::cli
