// extract: compute and cache the features a model needs, for many videos, on many machines.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "ModelFeatureExtractor.h"
#include "ModelLoader.h"
#include "cli/CliSupport.h"
#include "common/AvqaError.h"
#include "media/VideoFiles.h"

namespace avqa::cli {
namespace {

struct Shard {
  int index = 1;  // 1-based
  int count = 1;
};

Shard parseShard(const std::string& text) {
  Shard shard;
  if (text.empty()) return shard;
  if (std::sscanf(text.c_str(), "%d/%d", &shard.index, &shard.count) != 2 || shard.count < 1 || shard.index < 1 ||
      shard.index > shard.count) {
    throw UsageError("--shard must be i/n with 1 <= i <= n, e.g. 2/4");
  }
  return shard;
}

}  // namespace

void addExtractCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string model, folder, shard, cache_dir, device = "auto";
    std::vector<std::string> videos;
    bool spread = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("extract", fullCommandDescription("extract"));
  command->add_option("--model", options->model, "Model file whose encoders make the features")->required();
  command->add_option("--videos", options->folder, "Folder of videos");
  command->add_option("--shard", options->shard, "Take part i of n of the videos (i/n), to split work between machines");
  command->add_option("--cache", options->cache_dir, "Feature cache folder (default: ~/.cache/avqa-lens/features)");
  command->add_option("--device", options->device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  command->add_flag("--spread", options->spread, "Spread the steps over videos longer than T x stride");
  command->add_option("video", options->videos, "Video files");
  command->callback([options, &action] {
    action = [options] {
      if (options->folder.empty() == options->videos.empty()) throw UsageError("give either --videos DIR or video files");
      const Shard shard = parseShard(options->shard);
      std::vector<std::string> all = options->folder.empty() ? options->videos : listVideoFiles(options->folder);
      std::sort(all.begin(), all.end());
      std::vector<std::string> mine;
      for (std::size_t i = 0; i < all.size(); ++i) {
        if (static_cast<int>(i % static_cast<std::size_t>(shard.count)) == shard.index - 1) mine.push_back(all[i]);
      }
      useAllCoresForTorch();
      const std::unique_ptr<AvqaModel> model = loadModel(options->model, parseDeviceRequest(options->device));
      const ModelFeatureExtractor extractor(model->info(), model->deviceName(),
                                            FeatureCache(options->cache_dir.empty() ? FeatureCache::defaultRoot() : options->cache_dir));
      const bool terminal = ::isatty(STDERR_FILENO) == 1;
      int cached = 0;
      int failed = 0;
      for (std::size_t i = 0; i < mine.size(); ++i) {
        FeatureRequest request;
        request.video_path = mine[i];
        request.placement = options->spread ? StepPlacement::Spread : StepPlacement::FirstSeconds;
        try {
          if (extractor.extract(request, CancelToken(), nullptr).from_cache) ++cached;
        } catch (const AvqaError& error) {
          ++failed;
          std::fprintf(stderr, "%savqa-lens: error: %s\n", terminal ? "\n" : "", error.what());
        }
        if (terminal) std::fprintf(stderr, "\rextract: %zu/%zu videos (%d already cached)", i + 1, mine.size(), cached);
      }
      if (terminal) std::fprintf(stderr, "\n");
      std::printf("Extracted features of model %s for %zu videos (shard %d/%d: %d cached before, %d failed)\n",
                  model->info().name.c_str(), mine.size() - static_cast<std::size_t>(failed), shard.index, shard.count, cached, failed);
      return failed > 0 ? 1 : 0;
    };
  });
}

}  // namespace avqa::cli
