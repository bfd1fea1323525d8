// Team mode on loopback, a project file beside a server project of the same 50,000 questions
// in the same run: an annotation edit's round trip (its transaction committed and
// acknowledged), reading every question row (what a window opens with), and how long until
// another window has an edit on screen (poll, as ProjectChangeWatcher does, then the rows read
// again). scripts/bench-server.sh starts the server (fsync on) and passes its URL.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "annotation/AnnotationSession.h"
#include "storage/ProjectStore.h"
#include "storage/ProjectTransfer.h"
#include "storage/PgConnection.h"
#include "storage/QuestionRows.h"
#include "synthetic/ExampleQuestionFile.h"

namespace {

constexpr int kQuestions = 50000;
constexpr int kPollInterval_ms = 300;  // WorkspaceSession's

// The two projects, made once: [0] a file, [1] the same pushed to the server.
const std::vector<std::string>& projects() {
  static const std::vector<std::string> made = [] {
    const char* url = std::getenv("AVQA_BENCH_PG_URL");
    if (!url) throw std::runtime_error("AVQA_BENCH_PG_URL is not set (scripts/bench-server.sh sets it)");
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("avqa-bench-server-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "p.avqa").string();
    avqa::ExampleQuestionOptions options;
    options.records = kQuestions;
    avqa::ProjectStore store(file, avqa::DbConnection::OpenMode::CreateIfMissing);
    store.importSplit("test", avqa::parseMusicAvqaText(avqa::generateExampleQuestions(options).text, "bench"), avqa::ExistingPolicy::Refuse);
    avqa::PgConnection server(avqa::parseServerUrl(std::string(url) + "?project=bench_team"));
    avqa::pushProject(store, server, "bench_team", avqa::ExistingPolicy::Replace);
    return std::vector<std::string>{file, std::string(url) + "?project=bench_team"};
  }();
  return made;
}

void BM_EditRoundTrip(benchmark::State& state) {
  avqa::ProjectStore project(projects()[static_cast<std::size_t>(state.range(0))], avqa::DbConnection::OpenMode::MustExist);
  avqa::AnnotationSession session(project, "bench");
  const std::int64_t row = 1234;
  int i = 0;
  for (auto _ : state) session.setAnswer(row, ++i % 2 ? "yes" : "no");  // returns once committed
  state.SetLabel(state.range(0) == 0 ? "file" : "server");
}
BENCHMARK(BM_EditRoundTrip)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(3);

void BM_OpenQuestionRows(benchmark::State& state) {
  for (auto _ : state) {
    avqa::ProjectStore project(projects()[static_cast<std::size_t>(state.range(0))], avqa::DbConnection::OpenMode::MustExist);
    benchmark::DoNotOptimize(avqa::loadQuestionRows(project).size());
  }
  state.SetLabel(state.range(0) == 0 ? "file" : "server");
}
BENCHMARK(BM_OpenQuestionRows)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(5);

// From one session's committed edit to another connection's rows that show it: a watcher that
// polls every 300 ms, then reads every row, as the window does. The edit lands at a random
// point of the poll cycle.
void BM_EditVisibleElsewhere(benchmark::State& state) {
  const std::string& where = projects()[static_cast<std::size_t>(state.range(0))];
  avqa::ProjectStore editor_project(where, avqa::DbConnection::OpenMode::MustExist);
  avqa::AnnotationSession editor(editor_project, "editor");
  avqa::ProjectStore watcher(where, avqa::DbConnection::OpenMode::MustExist);
  avqa::QuestionEdits history(watcher);
  std::int64_t known = history.latestHistoryId();
  int i = 0;
  for (auto _ : state) {
    std::this_thread::sleep_for(std::chrono::milliseconds(37 * (i % 8)));  // somewhere in the cycle
    const std::string answer = "answer-" + std::to_string(++i);
    const auto edited_at = std::chrono::steady_clock::now();
    editor.setAnswer(4321, answer);
    bool shown = false;
    while (!shown) {
      if (history.latestHistoryId() > known) {
        known = history.latestHistoryId();
        for (const avqa::QuestionRow& row : avqa::loadQuestionRows(watcher)) shown = shown || (row.row == 4321 && row.answer == answer);
      }
      if (!shown) std::this_thread::sleep_for(std::chrono::milliseconds(kPollInterval_ms));
    }
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - edited_at).count());
  }
  state.SetLabel(state.range(0) == 0 ? "file" : "server");
}
BENCHMARK(BM_EditVisibleElsewhere)->Arg(0)->Arg(1)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(8);

}  // namespace

BENCHMARK_MAIN();
