// An annotation edit in the workspace on a 50,000-question project, from the panel's intent
// to the table's repainted row: the edit's transaction, the row changed in place, and the
// table viewport's paint. Needs a display: scripts/bench.sh runs it under xvfb-run.
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QEvent>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <filesystem>
#include <unistd.h>

#include "AnnotationPanel.h"
#include "QuestionTableModel.h"
#include "QuestionTableView.h"
#include "QuestionsTab.h"
#include "WorkspaceWindow.h"
#include "storage/ProjectStore.h"
#include "synthetic/ExampleQuestionFile.h"

namespace {

// Counts the paints of a widget (the table's viewport).
class PaintCounter : public QObject {
 public:
  int paints = 0;
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::Paint) ++paints;
    return QObject::eventFilter(watched, event);
  }
};

void BM_AnswerEditToRepaintedRow50k(benchmark::State& state) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("avqa-bench-edit-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "p.avqa").string();
  {
    avqa::ExampleQuestionOptions options;
    options.records = 50000;
    avqa::ProjectStore(path, avqa::DbConnection::OpenMode::CreateIfMissing)
        .importSplit("test", avqa::parseMusicAvqaText(avqa::generateExampleQuestions(options).text, "bench"),
                     avqa::ExistingPolicy::Refuse);
  }
  {
    avqa::WorkspaceWindow window(QString::fromStdString(path), QString());
    window.resize(1280, 820);
    window.show();
    QSignalSpy reloaded(&window, &avqa::WorkspaceWindow::rowsReloaded);
    if (!reloaded.wait(60000)) {
      state.SkipWithError("the workspace did not load its rows");
      return;
    }
    avqa::QuestionsTab& questions = *window.questionsTab();
    questions.selectShownRow(3);
    const std::int64_t row = window.model()->shownRow(3).row;
    PaintCounter counter;
    questions.view()->viewport()->installEventFilter(&counter);
    QTest::qWait(200);
    const std::string answers[2] = {"yes", "no"};
    int i = 0;
    for (auto _ : state) {
      const int paints_before = counter.paints;
      emit questions.panel()->answerRequested(row, QString::fromStdString(answers[i++ % 2]));
      while (counter.paints == paints_before) QApplication::processEvents(QEventLoop::AllEvents, 5);
      state.PauseTiming();
      QTest::qWait(80);  // the dashboard's deferred recomputation runs outside the timed part
      state.ResumeTiming();
    }
    if (window.model()->shownRow(3).answer != answers[(i - 1) % 2]) state.SkipWithError("the row did not change");
    state.SetLabel("edit committed + row changed in place + viewport repainted");
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_AnswerEditToRepaintedRow50k)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(40);

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
