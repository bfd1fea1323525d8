// (a) `ask` on a MUSIC-AVQA-sized contract model (T=60, 7x7 patches, 512-D) with features
//     already on disk: first call (load + first run) and warm calls, batch of one.
// (b) What a model needs from a 60 s 640x360 H.264 video with x264's default keyframe
//     interval: 60 frames at the step times plus 60 log-mel examples. Target: 1.5 s.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <QImage>
#include <cmath>
#include <filesystem>

#include "AskJob.h"
#include "TorchScriptModel.h"
#include "media/LogMel.h"
#include "media/MediaSampler.h"
#include "media/Mp4Writer.h"

namespace {

struct BenchFiles {
  std::filesystem::path dir;
  BenchFiles() {
    dir = std::filesystem::temp_directory_path() / ("avqa-bench-ask-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string command = "/usr/bin/python3 " + std::string(AVQA_BENCH_DIR) + "/make_bench_model.py " + dir.string() + " " +
                                std::string(AVQA_ANSWERS_JSON);
    if (std::system(command.c_str()) != 0) throw std::runtime_error("python3-torch could not write the benchmark model");
    avqa::Mp4Format format;
    format.width = 640;
    format.height = 360;
    format.fps = 25;
    format.keyframe_interval_frames = 250;  // x264's default
    avqa::Mp4Writer writer(video().string(), format);
    QImage frame(640, 360, QImage::Format_RGB32);
    for (int i = 0; i < 60 * 25; ++i) {
      frame.fill(QColor::fromHsv((i * 3) % 360, 200, 200));
      writer.writeVideoFrame(frame);
    }
    std::vector<float> tone(60 * 16000);
    for (std::size_t i = 0; i < tone.size(); ++i) tone[i] = 0.3f * static_cast<float>(std::sin(0.2 * static_cast<double>(i)));
    writer.writeAudio(tone);
    writer.finish();
  }
  ~BenchFiles() { std::filesystem::remove_all(dir); }
  std::filesystem::path video() const { return dir / "bench.mp4"; }
};

const BenchFiles& files() {
  static const BenchFiles kFiles;
  return kFiles;
}

avqa::AskRequest request() {
  avqa::AskRequest ask;
  ask.media.video_path = files().video().string();
  ask.media.features_dir = (files().dir / "features").string();
  ask.question = "Which instrument sounds first?";
  return ask;
}

void BM_AskFirstCall(benchmark::State& state) {
  for (auto _ : state) {
    auto model = avqa::loadTorchScriptModel((files().dir / "pstp-like.pt").string(), avqa::DeviceRequest::Cpu);
    const avqa::AskJob job(*model, std::nullopt);
    benchmark::DoNotOptimize(job.run(request(), avqa::CancelToken(), nullptr));
  }
}
BENCHMARK(BM_AskFirstCall)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_AskWarm(benchmark::State& state) {
  avqa::setTorchThreadsForThisThread(2);
  auto model = avqa::loadTorchScriptModel((files().dir / "pstp-like.pt").string(), avqa::DeviceRequest::Cpu);
  const avqa::AskJob job(*model, std::nullopt);
  for (int i = 0; i < 3; ++i) job.run(request(), avqa::CancelToken(), nullptr);  // TorchScript profiling runs
  double inference_ms = 0.0;
  for (auto _ : state) inference_ms += job.run(request(), avqa::CancelToken(), nullptr).inference_ms;
  state.counters["inference_ms"] = inference_ms / static_cast<double>(state.iterations());
}
BENCHMARK(BM_AskWarm)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

void BM_FramesAndLogMel60s(benchmark::State& state) {
  for (auto _ : state) {
    const avqa::MediaSampler sampler(files().video().string());
    std::vector<double> times;
    for (int i = 0; i < 60; ++i) times.push_back(i + 0.5);
    benchmark::DoNotOptimize(sampler.framesAt(times, avqa::CancelToken()));
    const std::vector<float> audio = sampler.audioMono(16000, avqa::CancelToken());
    avqa::LogMelExtractor log_mel;
    for (int i = 0; i < 60; ++i) benchmark::DoNotOptimize(log_mel.example(audio, i * 16000L));
  }
}
BENCHMARK(BM_FramesAndLogMel60s)->Unit(benchmark::kMillisecond)->MinTime(3.0)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
