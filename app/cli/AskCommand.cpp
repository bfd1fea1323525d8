// ask: one question about one video, answered by one model, with where and when it looked.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <thread>

#include "AskJob.h"
#include "common/AvqaError.h"
#include "ModelExplanation.h"
#include "ModelLoader.h"
#include "cli/CliSupport.h"

namespace avqa::cli {
namespace {

std::string sparkline(const std::vector<float>& values) {
  static const char* kBlocks[] = {"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"};
  const float high = values.empty() ? 0.0f : *std::max_element(values.begin(), values.end());
  std::string line;
  for (float value : values) {
    const int level = high > 0 ? std::clamp(static_cast<int>(value / high * 7.0f + 0.5f), 0, 7) : 0;
    line += kBlocks[level];
  }
  return line;
}

nlohmann::ordered_json matrixJson(const std::optional<Matrix>& matrix) {
  if (!matrix) return nullptr;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (std::size_t r = 0; r < matrix->rows; ++r) {
    rows.push_back(std::vector<float>(matrix->values.begin() + static_cast<std::ptrdiff_t>(r * matrix->cols),
                                      matrix->values.begin() + static_cast<std::ptrdiff_t>((r + 1) * matrix->cols)));
  }
  return rows;
}

nlohmann::ordered_json saliencyJson(const std::optional<Saliency>& saliency) {
  if (!saliency) return nullptr;
  return {{"kind", "gradient x input"},
          {"answer", saliency->answer},
          {"temporal", saliency->temporal},
          {"audio", saliency->audio},
          {"visual", saliency->visual},
          {"patches", matrixJson(saliency->patches)}};
}

nlohmann::ordered_json resultJson(const AskResult& result, const ModelInfo& info) {
  const Prediction& p = result.prediction;
  nlohmann::ordered_json top = nlohmann::ordered_json::array();
  for (const RankedAnswer& ranked : p.top(5)) top.push_back({{"answer", ranked.answer}, {"probability", ranked.probability}});
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const TimeStep& step : p.steps) steps.push_back({{"start_s", step.start_s}, {"end_s", step.end_s}, {"padded", step.padded}});
  const auto optional_vector = [](const std::optional<std::vector<float>>& values) {
    return values ? nlohmann::ordered_json(*values) : nlohmann::ordered_json(nullptr);
  };
  const auto named = [](const std::map<std::string, std::vector<float>>& maps) {
    return maps.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(maps);
  };
  return {{"answer", p.answer()},
          {"top", top},
          {"steps", steps},
          {"temporal", optional_vector(p.temporal)},
          {"temporal_selected", optional_vector(p.temporal_selected)},
          {"spatial", matrixJson(p.spatial)},
          {"sound_spatial", matrixJson(p.sound_spatial)},
          {"grid", info.patches ? nlohmann::ordered_json(info.patches->grid) : nlohmann::ordered_json(nullptr)},
          {"crop", info.patches ? nlohmann::ordered_json(info.patches->crop) : nlohmann::ordered_json(nullptr)},
          {"frame_size", {result.media.width, result.media.height}},
          {"path_probs", named(p.path_probs)},
          {"tokens", named(p.tokens)},
          {"question_words", p.question_words},
          {"saliency", saliencyJson(p.saliency)},
          {"model", {{"name", info.name}, {"file_sha256", info.file_sha256}, {"feature_kinds", info.featureKinds()}}},
          {"device", nullptr},
          {"timing_ms", {{"features", result.features_ms}, {"inference", result.inference_ms}, {"saliency", result.saliency_ms}}},
          {"features_from_cache", result.features_from_cache}};
}

void printTopPatches(const char* title, const std::optional<Matrix>& map, const std::vector<std::size_t>& steps,
                     const ModelInfo& info) {
  if (!map || !info.patches) return;
  const int columns = info.patches->grid[1];
  std::printf("%s (row, column, weight):\n", title);
  for (std::size_t step : steps) {
    std::vector<std::size_t> order(map->cols);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return map->at(step, a) > map->at(step, b); });
    std::printf("  step %zu:", step);
    for (std::size_t k = 0; k < 3 && k < order.size(); ++k) {
      std::printf(" (%zu, %zu, %.3g)", order[k] / static_cast<std::size_t>(columns), order[k] % static_cast<std::size_t>(columns),
                  map->at(step, order[k]));
    }
    std::printf("\n");
  }
}

void printText(const AskResult& result, const ModelInfo& info, const std::string& device) {
  const Prediction& p = result.prediction;
  std::printf("Answer: %s   (model %s on %s)\n", p.answer().c_str(), info.name.c_str(), device.c_str());
  std::printf("Top 5:");
  for (const RankedAnswer& ranked : p.top(5)) std::printf("  %s %.3f", ranked.answer.c_str(), ranked.probability);
  std::printf("\n");
  for (const auto& [path, probabilities] : p.path_probs) {
    Prediction path_prediction;
    path_prediction.answers = p.answers;
    path_prediction.probabilities = probabilities;
    std::printf("Path %s answers: %s\n", path.c_str(), path_prediction.answer().c_str());
  }
  std::vector<std::size_t> attended;
  if (p.temporal) {
    std::printf("Temporal focus %s\n", sparkline(*p.temporal).c_str());
    for (std::size_t i = 0; i < p.steps.size(); ++i) {
      const bool selected = p.temporal_selected && (*p.temporal_selected)[i] > 0.5f;
      std::printf("  %6.1f-%6.1f s  %.3f%s%s\n", p.steps[i].start_s, p.steps[i].end_s, (*p.temporal)[i], selected ? "  *selected" : "",
                  p.steps[i].padded ? "  (padded)" : "");
    }
    attended.resize(p.steps.size());
    std::iota(attended.begin(), attended.end(), 0);
    std::sort(attended.begin(), attended.end(), [&](std::size_t a, std::size_t b) { return (*p.temporal)[a] > (*p.temporal)[b]; });
    attended.resize(std::min<std::size_t>(3, attended.size()));
  } else {
    for (std::size_t i = 0; i < std::min<std::size_t>(3, p.steps.size()); ++i) attended.push_back(i);
  }
  printTopPatches("Question-guided patches", p.spatial, attended, info);
  printTopPatches("Sound-guided patches", p.sound_spatial, attended, info);
  for (const auto& [name, weights] : p.tokens) {
    std::printf("Token attention (%s):", name.c_str());
    for (std::size_t i = 0; i < p.question_words.size() && i < weights.size(); ++i) std::printf(" %s:%.2f", p.question_words[i].c_str(), weights[i]);
    std::printf("\n");
  }
  if (p.saliency) {
    // Labelled apart from the attention above: this is what moved the logit, not where the model looked.
    std::printf("Saliency (gradient x input of \"%s\", not the model's attention) %s\n", p.saliency->answer.c_str(),
                sparkline(p.saliency->temporal).c_str());
    std::vector<std::size_t> salient(p.steps.size());
    std::iota(salient.begin(), salient.end(), 0);
    std::sort(salient.begin(), salient.end(), [&](std::size_t a, std::size_t b) { return p.saliency->temporal[a] > p.saliency->temporal[b]; });
    salient.resize(std::min<std::size_t>(3, salient.size()));
    printTopPatches("Salient patches", p.saliency->patches, salient, info);
  }
  std::printf("Timing: features %.1f ms, inference %.1f ms", result.features_ms, result.inference_ms);
  if (p.saliency) std::printf(", saliency %.1f ms", result.saliency_ms);
  std::printf("\n");
}

}  // namespace

void addAskCommand(CLI::App& app, CommandAction& action) {
  struct Options {
    std::string model, device = "auto", question, cache_dir;
    AskRequest request;
    bool spread = false, json = false, explain = false, saliency = false;
    std::string saliency_answer;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command = app.add_subcommand("ask", fullCommandDescription("ask"));
  command->add_option("--model", options->model, "Model file (TorchScript .pt with avqa.json)")->required();
  command->add_option("--video", options->request.media.video_path, "Video file (required unless --explain)");
  command->add_option("--features", options->request.media.features_dir, "Folder of per-kind .npy features (vggish, clip-vit-b32, ...)");
  command->add_option("--question-features", options->request.question_features_dir, "Folder of {question_id}.npy");
  command->add_option("--question-id", options->request.question_id, "Question id for --question-features");
  command->add_option("--audio", options->request.media.audio_path, "Take the audio track from this file instead");
  command->add_option("--cache", options->cache_dir, "Feature cache folder (default: ~/.cache/avqa-lens/features)");
  command->add_flag("--spread", options->spread, "Spread the steps over a video longer than T x stride");
  command->add_option("--device", options->device, "auto, cpu or cuda")->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  command->add_flag("--json", options->json, "Print one JSON object");
  command->add_flag("--explain", options->explain,
                    "Say what the model takes and provides (checked by one forward on zero inputs); no video or question needed");
  command->add_flag("--saliency", options->saliency,
                    "Also explain the answer by gradient x input (a [T,M] patch map and a [T] curve; works for a logits-only model)");
  command->add_option("--saliency-answer", options->saliency_answer, "Explain this answer's logit instead of the top answer's (implies --saliency)");
  command->add_option("question", options->question, "The question (required unless --explain)");
  command->callback([options, &action] {
    action = [options] {
      // One question is a batch of one: a single thread measures fastest for it (splitting
      // small ops across threads costs more than it gains; scripts/bench-ask-vs-python.sh).
      setTorchThreadsForThisThread(1);
      if (!options->explain && (options->request.media.video_path.empty() || options->question.empty())) {
        throw UsageError("ask needs --video and a question (or --explain)");
      }
      const std::unique_ptr<AvqaModel> model = loadModel(options->model, parseDeviceRequest(options->device));
      if (options->explain) {
        const ModelExplanation explanation = explainModel(*model);
        if (options->json) std::cout << explanation.json.dump(2) << "\n";
        else std::fputs(explanation.text.c_str(), stdout);
        return 0;
      }
      const AskJob job(*model, FeatureCache(options->cache_dir.empty() ? FeatureCache::defaultRoot() : options->cache_dir));
      options->request.question = options->question;
      if (!options->saliency_answer.empty()) {
        options->request.saliency = SaliencyRequest::NamedAnswer;
        options->request.saliency_answer = options->saliency_answer;
      } else if (options->saliency) {
        options->request.saliency = SaliencyRequest::TopAnswer;
      }
      options->request.media.placement = options->spread ? StepPlacement::Spread : StepPlacement::FirstSeconds;
      const bool terminal = ::isatty(STDERR_FILENO) == 1;
      const AskResult result = job.runOneShot(options->request, CancelToken(), [terminal](const std::string& stage, double fraction) {
        if (terminal) std::fprintf(stderr, "\rask: %-16s %3.0f%%", stage.c_str(), fraction * 100.0);
      });
      if (terminal) std::fprintf(stderr, "\n");
      for (const std::string& warning : result.warnings) std::fprintf(stderr, "avqa-lens: warning: %s\n", warning.c_str());
      if (options->json) {
        nlohmann::ordered_json json = resultJson(result, model->info());
        json["device"] = model->deviceName();
        std::cout << json.dump(2) << "\n";
      } else {
        printText(result, model->info(), model->deviceName());
      }
      return 0;
    };
  });
}

}  // namespace avqa::cli
