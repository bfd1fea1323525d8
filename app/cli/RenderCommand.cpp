// render: an answer's attended seconds with their heatmaps as one PNG, headless.
#include <CLI/CLI.hpp>

#include <QGuiApplication>
#include <algorithm>
#include <filesystem>
#include <cstdio>
#include <memory>
#include <thread>

#include "AttentionSheet.h"
#include "AttentionVideo.h"
#include "ModelLoader.h"
#include "ProjectFeatures.h"
#include "storage/ProjectStore.h"
#include "cli/CliSupport.h"
#include "common/AvqaError.h"
#include "media/MediaSampler.h"

namespace avqa::cli {
namespace {

// "question", "sound", "saliency", or up to two of them joined by "+".
std::vector<HeatmapKind> parseMaps(const std::string& text) {
  std::vector<HeatmapKind> maps;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('+', start), text.size());
    const std::string name = text.substr(start, end - start);
    if (name == "question") maps.push_back(HeatmapKind::QuestionGuided);
    else if (name == "sound") maps.push_back(HeatmapKind::SoundGuided);
    else if (name == "saliency") maps.push_back(HeatmapKind::Saliency);
    else throw UsageError("--map: \"" + name + "\" is not question, sound or saliency");
    start = end + 1;
  }
  if (maps.size() > 2) throw UsageError("--map: at most two maps side by side");
  return maps;
}

}  // namespace

void addRenderCommand(CLI::App& app, CommandAction& action, int& argc, char** argv) {
  struct Options {
    std::string model, video, out, map = "question", question, device = "auto", features, question_features, question_id, project;
    int tiles = 4;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("render", fullCommandDescription("render"));
  command->add_option("--model", options->model, "Model file")->required();
  command->add_option("--video", options->video, "Video file")->required();
  command->add_option("--out", options->out, "Output .mp4 (the video with overlay and timeline) or .png (a contact sheet)")->required();
  command->add_option("--map", options->map,
                      "Heatmap: question (question-guided), sound (sound-guided) or saliency (gradient x input of the answer); "
                      "two joined by + side by side on the same frame, e.g. question+sound");
  command->add_option("--features", options->features, "Folder of per-kind .npy features (vggish, clip-vit-b32, ...)")
      ->check(CLI::ExistingDirectory);
  command->add_option("--project", options->project,
                      "Project (*.avqa) whose feature folders hold the video's .npy features (when --features is not given)");
  command->add_option("--question-features", options->question_features, "Folder of {question_id}.npy question features");
  command->add_option("--question-id", options->question_id, "Question id for --question-features");
  command->add_option("--tiles", options->tiles, "How many attended steps (default 4)")->check(CLI::Range(1, 64));
  command->add_option("--device", options->device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  command->add_option("question", options->question, "The question")->required();
  command->callback([options, &action, &argc, argv] {
    action = [options, &argc, argv] {
      const auto ends_with = [&](const char* suffix) {
        const std::size_t n = std::char_traits<char>::length(suffix);
        return options->out.size() >= n && options->out.compare(options->out.size() - n, n, suffix) == 0;
      };
      const bool mp4 = ends_with(".mp4");
      if (!mp4 && !ends_with(".png")) throw UsageError("--out must name a .mp4 or .png file");
      if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");  // fonts, no display
      QGuiApplication application(argc, argv);
      useAllCoresForTorch();
      const std::unique_ptr<AvqaModel> model = loadModel(options->model, parseDeviceRequest(options->device));
      const AskJob job(*model, FeatureCache(FeatureCache::defaultRoot()));
      AskRequest request;
      request.media.video_path = options->video;
      request.media.features_dir = options->features;
      if (options->features.empty() && !options->project.empty()) {  // the folders the window reads too
        ProjectStore project(options->project, DbConnection::OpenMode::ReadOnly);
        request.media.features_dir = projectFeatureFolder(project, model->info(), std::filesystem::path(options->video).stem().string());
      }
      request.question_features_dir = options->question_features;
      request.question_id = options->question_id;
      request.question = options->question;
      const std::vector<HeatmapKind> maps = parseMaps(options->map);
      if (std::find(maps.begin(), maps.end(), HeatmapKind::Saliency) != maps.end()) request.saliency = SaliencyRequest::TopAnswer;
      const AskResult result = job.runOneShot(request, CancelToken(), nullptr);
      if (mp4) {
        renderAttentionVideo(result, options->video, QString::fromStdString(options->question),
                             maps, options->out, CancelToken());
        std::printf("Answer: %s; wrote %s\n", result.prediction.answer().c_str(), options->out.c_str());
        return 0;
      }
      const std::vector<QImage> frames = MediaSampler(options->video).framesAt(stepFrameTimes(result.prediction.steps), CancelToken());
      const QImage sheet = makeAttentionSheet(result, frames, QString::fromStdString(options->question),
                                              maps, options->tiles);
      if (!sheet.save(QString::fromStdString(options->out), "PNG")) throw AvqaError(options->out, "cannot write PNG");
      std::printf("Answer: %s; wrote %s\n", result.prediction.answer().c_str(), options->out.c_str());
      return 0;
    };
  });
}

}  // namespace avqa::cli
