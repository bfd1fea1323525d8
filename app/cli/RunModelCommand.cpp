// run: a model over a project's split, stored as a run (resumable, with provenance).
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <thread>

#include "AskJob.h"
#include "ModelLoader.h"
#include "cli/CliSupport.h"
#include "common/AvqaError.h"
#include "media/VideoFiles.h"

namespace avqa::cli {
void addRunCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string project, model, split, run, videos, features, device = "auto";
    bool replace = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("run", "Run a model over a project's split and store its predictions as a run");
  command->add_option("project", options->project, "Project file (*.avqa)")->required();
  command->add_option("--model", options->model, "Model file")->required();
  command->add_option("--split", options->split, "Split")->required();
  command->add_option("--run", options->run, "Run name (an unfinished run of this name is resumed)")->required();
  command->add_option("--videos", options->videos, "Folder of the split's videos ({video_id}.mp4 ...)")->required();
  command->add_option("--features", options->features, "Folder of per-kind .npy features");
  command->add_option("--device", options->device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  command->add_flag("--replace", options->replace, "Start the run over");
  command->callback([options, &action] {
    action = [options] {
      ProjectStore store(options->project, SqliteConnection::OpenMode::MustExist);
      const std::optional<SplitInfo> split = store.findSplit(options->split);
      if (!split) throw AvqaError(options->project, "has no split \"" + options->split + "\"");
      useAllCoresForTorch();
      const std::unique_ptr<AvqaModel> model = loadModel(options->model, parseDeviceRequest(options->device));
      const ModelInfo& info = model->info();
      std::string kinds;
      for (const std::string& kind : info.featureKinds()) kinds += (kinds.empty() ? "" : ",") + kind;
      if (options->replace) store.removeRun(options->run);
      RunInfo run;
      run.name = options->run;
      run.split_id = split->id;
      run.source = "model";
      run.source_path = options->model;
      const std::int64_t run_id = store.openModelRun(run, {info.name, info.file_sha256, kinds});
      const auto done = store.predictions(run_id);

      std::map<std::string, std::vector<const StoredQuestion*>> by_video;
      const std::vector<StoredQuestion> questions = store.questions(split->id, QuestionDetail::AnalysisFields);
      std::size_t remaining = 0;
      for (const StoredQuestion& question : questions) {
        if (done.count(question.row)) continue;
        by_video[question.record.video_id].push_back(&question);
        ++remaining;
      }
      const AskJob job(*model, FeatureCache(FeatureCache::defaultRoot()));
      const bool terminal = ::isatty(STDERR_FILENO) == 1;
      std::size_t answered = 0;
      for (const auto& [video_id, video_questions] : by_video) {
        FeatureRequest media;
        media.video_path = findVideoFile(options->videos, video_id);
        media.features_dir = options->features;
        const ModelFeatures features = job.extractor().extract(media, CancelToken(), nullptr);
        std::vector<StoredPrediction> predictions;
        for (const StoredQuestion* question : video_questions) {
          AskRequest request;
          request.question = question->record.question_content;
          request.templ_values = question->record.templ_values;
          request.question_id = question->record.question_id.value_or("");
          predictions.push_back({question->row, job.answer(features, request, CancelToken()).prediction.answer()});
        }
        store.addPredictions(run_id, predictions);  // one commit per video: a stopped run resumes here
        answered += predictions.size();
        if (terminal) std::fprintf(stderr, "\rrun: %zu/%zu questions", answered, remaining);
      }
      if (terminal) std::fprintf(stderr, "\n");
      std::printf("Run \"%s\" of model %s on split \"%s\": %zu new predictions, %zu were already stored. "
                  "Accuracy: avqa-lens table %s --run %s\n",
                  options->run.c_str(), info.name.c_str(), split->name.c_str(), answered, done.size(), options->project.c_str(),
                  options->run.c_str());
      return 0;
    };
  });
}

}  // namespace avqa::cli
