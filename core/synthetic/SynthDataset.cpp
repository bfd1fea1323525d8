#include "synthetic/SynthDataset.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "common/AvqaError.h"
#include "common/OutputFile.h"
#include "dataset/RecordEditor.h"
#include "dataset/TemplateCatalog.h"
#include "media/Mp4Writer.h"
#include "synthetic/Instrument.h"
#include "synthetic/QuestionSampler.h"
#include "synthetic/SceneAudio.h"
#include "synthetic/ScenePainter.h"
#include "synthetic/SpeechSynthesizer.h"

namespace avqa::synth {
namespace {

constexpr int kSampleRate = 16000;

std::string videoId(int index) {
  char text[16];
  std::snprintf(text, sizeof text, "%08d", index + 1);
  return text;
}

void checkOptions(const SynthOptions& options) {
  if (options.videos < 1 || options.videos > 100000) throw UsageError("--videos must be between 1 and 100000");
  if (options.scene.duration_s < 2 || options.scene.duration_s > 600) {
    throw UsageError("--seconds must be between 2 and 600");
  }
  if (options.questions_per_video < 1 || options.questions_per_video > 200) {
    throw UsageError("--questions-per-video must be between 1 and 200");
  }
}

void makeFolder(const std::filesystem::path& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) throw AvqaError(folder.string(), "cannot create folder: " + error.message());
  const std::filesystem::path probe = folder / ".avqa-write-test";
  FILE* file = std::fopen(probe.c_str(), "wb");
  if (!file) throw AvqaError(folder.string(), std::string("folder is not writable: ") + std::strerror(errno));
  std::fclose(file);
  std::filesystem::remove(probe, error);
}

// One video: scene, audio (with measured loudness), questions it can answer, and the MP4.
VideoResult makeVideo(int index, const SynthOptions& options, SceneAudioRenderer& audio_renderer,
                      const std::vector<std::vector<float>>& phrases) {
  VideoResult result;
  const std::uint64_t seed = videoSeed(options.seed, static_cast<std::uint64_t>(index));
  result.scene = generateScene(videoId(index), seed, options.scene);
  Scene& scene = result.scene;
  const std::vector<float>& voiceover = phrases[static_cast<std::size_t>(scene.voiceover_phrase) % phrases.size()];
  const std::vector<float> audio = audio_renderer.render(scene, voiceover);
  result.candidates = candidateQuestions(scene, seed ^ 0x5EED5EEDULL);

  const std::filesystem::path final_path = std::filesystem::path(options.out_dir) / "videos" / (scene.video_id + ".mp4");
  const std::string partial_path = final_path.string() + ".partial";
  {
    Mp4Writer writer(partial_path, Mp4Format{scene.width, scene.height, scene.fps, kSampleRate, 20});
    const ScenePainter painter(scene);
    const int frames = scene.duration_s * scene.fps;
    for (int frame = 0; frame < frames; ++frame) {
      writer.writeVideoFrame(painter.frameAt(static_cast<double>(frame) / scene.fps));
    }
    writer.writeAudio(audio);
    writer.finish();
  }
  std::error_code error;
  std::filesystem::rename(partial_path, final_path, error);
  if (error) throw AvqaError(final_path.string(), "cannot write: " + error.message());
  return result;
}

nlohmann::ordered_json boxJson(const std::optional<PixelBox>& box) {
  if (!box) return nullptr;
  return {box->x0, box->y0, box->x1, box->y1};
}

nlohmann::ordered_json videoJson(const Scene& scene) {
  nlohmann::ordered_json players = nlohmann::ordered_json::array();
  for (const ScenePlayer& player : scene.players) {
    const Instrument* instrument = findInstrument(player.instrument);
    players.push_back({{"id", player.id},
                       {"instrument", player.instrument},
                       {"slot", slotName(player.slot)},
                       {"box", boxJson(player.box)},
                       {"gm_program", instrument && !instrument->percussion ? nlohmann::ordered_json(instrument->gm_program)
                                                                            : nlohmann::ordered_json(nullptr)},
                       {"percussion", instrument && instrument->percussion},
                       {"notes_per_second", player.notes_per_second}});
  }
  nlohmann::ordered_json seconds = nlohmann::ordered_json::array();
  for (int second = 0; second < scene.duration_s; ++second) {
    nlohmann::ordered_json sounding = nlohmann::ordered_json::array();
    nlohmann::ordered_json loudness = nlohmann::ordered_json::object();
    for (const auto& [player, db] : scene.loudness_db[static_cast<std::size_t>(second)]) {
      sounding.push_back(player);
      loudness[std::to_string(player)] = db;
    }
    seconds.push_back({{"sounding", sounding}, {"loudness_db", loudness}});
  }
  return {{"duration_s", static_cast<double>(scene.duration_s)},
          {"frame_size", {scene.width, scene.height}},
          {"fps", scene.fps},
          {"background", scene.background},
          {"players", players},
          {"seconds", seconds},
          {"voiceover_seconds", scene.voiceover_seconds}};
}

}  // namespace

SynthSummary generateSynthDataset(const SynthOptions& options, const SynthProgress& progress) {
  checkOptions(options);
  const std::string soundfont = options.soundfont.empty() ? defaultSoundfontPath() : options.soundfont;
  { SceneAudioRenderer probe(soundfont, kSampleRate); }  // a missing soundfont fails before any work
  makeFolder(options.out_dir);
  makeFolder(std::filesystem::path(options.out_dir) / "videos");

  std::vector<std::vector<float>> phrases;
  {
    SpeechSynthesizer speech;
    for (const std::string& phrase : voiceoverPhrases()) phrases.push_back(speech.speak(phrase, kSampleRate));
  }

  std::vector<VideoResult> results(static_cast<std::size_t>(options.videos));
  std::atomic<int> next{0};
  std::atomic<int> done{0};
  std::atomic<bool> cancelled{false};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  const int threads = std::max(1, std::min(options.videos, options.threads > 0 ? options.threads
                                                                             : static_cast<int>(std::thread::hardware_concurrency())));
  std::mutex progress_mutex;
  const auto worker = [&] {
    try {
      SceneAudioRenderer audio_renderer(soundfont, kSampleRate);
      for (int index = next++; index < options.videos && !cancelled; index = next++) {
        results[static_cast<std::size_t>(index)] = makeVideo(index, options, audio_renderer, phrases);
        const int finished = ++done;
        std::lock_guard<std::mutex> lock(progress_mutex);
        if (progress && !progress(finished, options.videos)) cancelled = true;
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      cancelled = true;
    }
  };
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back(worker);
  for (std::thread& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
  if (cancelled) throw AvqaError(options.out_dir, "cancelled; the folder holds a partial benchmark");

  const SampledQuestions sampled = sampleQuestions(results, options.questions_per_video, options.balance, options.seed);
  SynthSummary summary;
  summary.videos = options.videos;
  const RecordEditor editor(PyJsonStyle::indented(2));
  const PyJsonStyle style = PyJsonStyle::indented(2);
  nlohmann::ordered_json questions_truth = nlohmann::ordered_json::object();
  int question_id = 0;
  for (const char* split : {"train", "val", "test"}) {
    std::string text = style.listOpening();
    int count = 0;
    for (const SampledQuestion& question : sampled.questions) {
      if (question.split != split) continue;
      const Scene& scene = results[static_cast<std::size_t>(question.video)].scene;
      ++question_id;
      if (count++ > 0) text += style.listSeparator();
      text += editor.compose(question.record(std::to_string(question_id), scene.video_id));
      nlohmann::ordered_json boxes = nlohmann::ordered_json::array();
      for (int player : question.candidate.evidence_players) {
        if (scene.players[static_cast<std::size_t>(player)].box) boxes.push_back(boxJson(scene.players[static_cast<std::size_t>(player)].box));
      }
      questions_truth[std::to_string(question_id)] = {{"video_id", scene.video_id},
                                                     {"evidence_seconds", question.candidate.evidence_seconds},
                                                     {"evidence_players", question.candidate.evidence_players},
                                                     {"evidence_boxes", boxes}};
    }
    text += style.listClosing();
    writeFileAtomically((std::filesystem::path(options.out_dir) / (std::string("avqa-") + split + ".json")).string(), text);
    (std::string(split) == "train" ? summary.train_questions
                                   : std::string(split) == "val" ? summary.val_questions : summary.test_questions) = count;
  }
  nlohmann::ordered_json videos = nlohmann::ordered_json::object();
  for (const VideoResult& result : results) videos[result.scene.video_id] = videoJson(result.scene);
  nlohmann::ordered_json truth = {{"videos", videos}, {"questions", questions_truth}};
  writeFileAtomically((std::filesystem::path(options.out_dir) / "groundtruth.json").string(), truth.dump(1) + "\n");
  return summary;
}

}  // namespace avqa::synth
