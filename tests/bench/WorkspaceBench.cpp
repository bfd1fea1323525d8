// The curation workspace at scale: a project with 50,000 questions opening (every question
// row read, templates filled, asks joined), a filter over them, and the balance dashboard's
// recomputation (template balance, suggestions, head/tail, blind baseline).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <unistd.h>

#include "analysis/BalanceSuggestion.h"
#include "analysis/HeadTailSplit.h"
#include "analysis/QuestionFilter.h"
#include "analysis/TemplateMajorityBaseline.h"
#include "storage/QuestionRows.h"
#include "synthetic/ExampleQuestionFile.h"

namespace {

struct BenchProject {
  std::filesystem::path dir;
  std::string path;
  avqa::MusicAvqaFile file;
  BenchProject() {
    dir = std::filesystem::temp_directory_path() / ("avqa-bench-ws-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    path = (dir / "p.avqa").string();
    avqa::ExampleQuestionOptions options;
    options.records = 50000;
    file = avqa::parseMusicAvqaText(avqa::generateExampleQuestions(options).text, "bench");
    avqa::ProjectStore(path, avqa::DbConnection::OpenMode::CreateIfMissing)
        .importSplit("test", file, avqa::ExistingPolicy::Refuse);
  }
  ~BenchProject() { std::filesystem::remove_all(dir); }
};

const BenchProject& project() {
  static const BenchProject kProject;
  return kProject;
}

void BM_OpenProject50kQuestionRows(benchmark::State& state) {
  for (auto _ : state) {
    avqa::ProjectStore store(project().path, avqa::DbConnection::OpenMode::MustExist);
    benchmark::DoNotOptimize(avqa::loadQuestionRows(store));
  }
}
BENCHMARK(BM_OpenProject50kQuestionRows)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Filter50k(benchmark::State& state) {
  avqa::ProjectStore store(project().path, avqa::DbConnection::OpenMode::MustExist);
  const std::vector<avqa::QuestionRow> rows = avqa::loadQuestionRows(store);
  avqa::QuestionFilter filter;
  filter.split = "test";
  filter.group = "Audio-Visual/Temporal";
  filter.text = "violin";
  for (auto _ : state) benchmark::DoNotOptimize(avqa::filterRows(rows, filter));
  state.SetLabel(std::to_string(avqa::filterRows(rows, filter).size()) + " of 50000 kept");
}
BENCHMARK(BM_Filter50k)->Unit(benchmark::kMillisecond);

void BM_DashboardRecompute50k(benchmark::State& state) {
  avqa::RecordList records;
  for (const avqa::QaRecord& record : project().file.records) records.push_back(&record);
  const avqa::TemplateCatalog catalog = avqa::TemplateCatalog::musicAvqa();
  for (auto _ : state) {
    benchmark::DoNotOptimize(avqa::analyzeTemplateBalance(records, avqa::BalanceThresholds{}));
    benchmark::DoNotOptimize(avqa::suggestBalanceFixes(records, avqa::BalanceThresholds{}, &catalog));
    benchmark::DoNotOptimize(avqa::HeadTailSplit(records, avqa::HeadTailGrouping::ModalityType));
    benchmark::DoNotOptimize(avqa::TemplateMajorityBaseline(records).accuracyPercent(records));
  }
}
BENCHMARK(BM_DashboardRecompute50k)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
