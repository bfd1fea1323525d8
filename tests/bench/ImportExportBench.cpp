// Import and export of a 50,000-record question file (~14 MB, the released indent=2 style).
// Import = read + parse + store in a fresh SQLite project; export = read back + write bytes.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "storage/ProjectStore.h"
#include "synthetic/ExampleQuestionFile.h"

namespace {

constexpr std::size_t kRecords = 50000;

struct BenchFiles {
  std::filesystem::path dir;
  std::string question_file;
  BenchFiles() {
    dir = std::filesystem::temp_directory_path() / ("avqa-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    question_file = (dir / "avqa-bench.json").string();
    avqa::ExampleQuestionOptions options;
    options.records = kRecords;
    std::ofstream(question_file, std::ios::binary) << avqa::generateExampleQuestions(options).text;
  }
  ~BenchFiles() { std::filesystem::remove_all(dir); }
  std::string project(const std::string& name) const { return (dir / name).string(); }
};

const BenchFiles& files() {
  static const BenchFiles kFiles;  // generated once per benchmark process
  return kFiles;
}

void removeProject(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

void BM_Import50k(benchmark::State& state) {
  const std::string project = files().project("import.avqa");
  for (auto _ : state) {
    state.PauseTiming();
    removeProject(project);
    state.ResumeTiming();
    const avqa::MusicAvqaFile file = avqa::readMusicAvqaFile(files().question_file);
    avqa::ProjectStore store(project, avqa::DbConnection::OpenMode::CreateIfMissing);
    store.importSplit("bench", file, avqa::ExistingPolicy::Refuse);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(std::filesystem::file_size(files().question_file)));
}
BENCHMARK(BM_Import50k)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ParseOnly50k(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(avqa::readMusicAvqaFile(files().question_file));
}
BENCHMARK(BM_ParseOnly50k)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Export50k(benchmark::State& state) {
  const std::string project = files().project("export.avqa");
  removeProject(project);
  std::int64_t split_id = 0;
  {
    avqa::ProjectStore store(project, avqa::DbConnection::OpenMode::CreateIfMissing);
    split_id = store.importSplit("bench", avqa::readMusicAvqaFile(files().question_file), avqa::ExistingPolicy::Refuse).split_id;
  }
  const std::string out = files().project("export.json");
  for (auto _ : state) {
    avqa::ProjectStore store(project, avqa::DbConnection::OpenMode::MustExist);
    const std::string bytes = store.exportSplit(split_id);
    std::ofstream(out, std::ios::binary) << bytes;
  }
}
BENCHMARK(BM_Export50k)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
