// Paper-scale PSTP-Net (T=60, 7x7 patches, 512-D, K=20, Top_k=7, Top_m=20) forward on cached
// features: one question (B=1) and a batch of 64, random weights (speed does not depend on them).
#include <ATen/Parallel.h>
#include <benchmark/benchmark.h>

#include <thread>

#include "builtin/detail/HeadNet.h"

namespace {

avqa::builtin::HeadInputs inputs(const avqa::BuiltinConfig& config, int64_t batch) {
  avqa::builtin::HeadInputs in;
  in.audio = torch::randn({batch, config.time_steps, config.audio_dim});
  in.visual = torch::randn({batch, config.time_steps, config.visual_dim});
  in.patches = torch::randn({batch, config.time_steps, config.patchCount(), config.patch_dim});
  in.question = torch::randint(1, config.vocab_size, {batch, config.max_len}, torch::kLong);
  return in;
}

// Args: batch, intra-op threads (0: every core).
void paperScaleForward(benchmark::State& state, avqa::BuiltinArch arch) {
  const int threads = state.range(1) > 0 ? static_cast<int>(state.range(1)) : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(threads);
  avqa::BuiltinConfig config = avqa::BuiltinConfig::paperScale(arch);
  config.vocab_size = 100;
  config.classes = 42;
  torch::manual_seed(1);
  auto head = avqa::builtin::makeHead(config);
  head->eval();
  const int64_t batch = state.range(0);
  const avqa::builtin::HeadInputs in = inputs(config, batch);
  c10::InferenceMode inference;
  for (auto _ : state) {
    const avqa::builtin::HeadOutputs out = head->forward(in);
    benchmark::DoNotOptimize(out.logits.data_ptr<float>());
  }
  state.SetItemsProcessed(state.iterations() * batch);  // questions/s
}

// One training step (forward, backward, Adam) of a demo-scale head, B=64: what an epoch costs.
void demoTrainStep(benchmark::State& state, avqa::BuiltinArch arch) {
  at::set_num_threads(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  avqa::BuiltinConfig config = avqa::BuiltinConfig::demoScale(arch);
  config.vocab_size = 150;
  config.classes = 42;
  config.max_len = 16;
  torch::manual_seed(1);
  auto head = avqa::builtin::makeHead(config);
  head->train();
  torch::optim::AdamW optimizer(head->parameters(), torch::optim::AdamWOptions(1e-3));
  const avqa::builtin::HeadInputs in = inputs(config, 64);
  const at::Tensor answers = torch::randint(0, config.classes, {64}, torch::kLong);
  for (auto _ : state) {
    optimizer.zero_grad();
    const avqa::builtin::HeadOutputs out = head->forward(in);
    at::Tensor loss = torch::nn::functional::cross_entropy(out.logits, answers);
    if (out.aux_loss.defined()) loss = loss + out.aux_loss;
    loss.backward();
    optimizer.step();
  }
  state.SetItemsProcessed(state.iterations() * 64);
}

void BM_PstpDemoTrainStep(benchmark::State& state) { demoTrainStep(state, avqa::BuiltinArch::Pstp); }
void BM_AvstDemoTrainStep(benchmark::State& state) { demoTrainStep(state, avqa::BuiltinArch::Avst); }
void BM_AvMasterDemoTrainStep(benchmark::State& state) { demoTrainStep(state, avqa::BuiltinArch::AvMaster); }
void BM_AvUnifiedDemoTrainStep(benchmark::State& state) { demoTrainStep(state, avqa::BuiltinArch::AvUnified); }

void BM_PstpPaperScale(benchmark::State& state) { paperScaleForward(state, avqa::BuiltinArch::Pstp); }
void BM_AvstPaperScale(benchmark::State& state) { paperScaleForward(state, avqa::BuiltinArch::Avst); }
void BM_AvMasterPaperScale(benchmark::State& state) { paperScaleForward(state, avqa::BuiltinArch::AvMaster); }
void BM_AvUnifiedPaperScale(benchmark::State& state) { paperScaleForward(state, avqa::BuiltinArch::AvUnified); }

}  // namespace

BENCHMARK(BM_PstpPaperScale)->Args({1, 1})->Args({1, 0})->Args({64, 0})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_AvstPaperScale)->Args({1, 1})->Args({1, 0})->Args({64, 0})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_AvMasterPaperScale)->Args({1, 1})->Args({1, 0})->Args({64, 0})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_AvUnifiedPaperScale)->Args({1, 1})->Args({1, 0})->Args({64, 0})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PstpDemoTrainStep)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_AvstDemoTrainStep)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_AvMasterDemoTrainStep)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_AvUnifiedDemoTrainStep)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_MAIN();
