#include "QuestionRowsLoader.h"

#include "TaskList.h"
#include "storage/QuestionEdits.h"

namespace avqa {

QuestionRowsLoader::QuestionRowsLoader(TaskList& tasks, QObject* parent) : QObject(parent), tasks_(tasks) { qRegisterMetaType<avqa::QuestionRowsLoader::Rows>(); }

void QuestionRowsLoader::load(const QString& project_path) {
  const int generation = ++generation_;
  auto rows = std::make_shared<std::vector<QuestionRow>>();
  auto history_id = std::make_shared<std::int64_t>(0);
  BackgroundTask* task = tasks_.start(tr("Reading questions"), [rows, history_id, path = project_path.toStdString()](TaskContext&) {
    ProjectStore project(path, DbConnection::OpenMode::MustExist);  // this thread's own connection
    *history_id = QuestionEdits(project).latestHistoryId();  // read first: the rows show at least this
    *rows = loadQuestionRows(project);
    return QVariant();
  });
  connect(task, &BackgroundTask::finished, this, [this, task, generation, rows, history_id] {
    if (generation != generation_) return;  // a newer load was asked for
    if (task->state() == BackgroundTask::State::Succeeded) emit loaded(rows, *history_id);
    if (task->state() == BackgroundTask::State::Failed) emit failed(task->error());
  });
}

}  // namespace avqa
