// Generating the synthetic benchmark: 100 ten-second videos (render, FluidSynth, H.264/AAC
// encode, questions, ground truth) on every core. Target: 60 s on a 2-core machine.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "synthetic/SynthDataset.h"

namespace {

void BM_Synth100Videos(benchmark::State& state) {
  const std::filesystem::path out =
      std::filesystem::temp_directory_path() / ("avqa-bench-synth-" + std::to_string(::getpid()));
  for (auto _ : state) {
    avqa::synth::SynthOptions options;
    options.out_dir = out.string();
    options.videos = static_cast<int>(state.range(0));
    avqa::synth::generateSynthDataset(options, nullptr);
  }
  std::filesystem::remove_all(out);
  state.counters["videos"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_Synth100Videos)->Arg(100)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
