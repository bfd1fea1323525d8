#include "QuestionRowsLoader.h"

#include "TaskList.h"

namespace avqa {

QuestionRowsLoader::QuestionRowsLoader(TaskList& tasks, QObject* parent) : QObject(parent), tasks_(tasks) { qRegisterMetaType<avqa::QuestionRowsLoader::Rows>(); }

void QuestionRowsLoader::load(const QString& project_path) {
  const int generation = ++generation_;
  auto rows = std::make_shared<std::vector<QuestionRow>>();
  BackgroundTask* task = tasks_.start(tr("Reading questions"), [rows, path = project_path.toStdString()](TaskContext&) {
    ProjectStore project(path, DbConnection::OpenMode::MustExist);  // this thread's own connection
    *rows = loadQuestionRows(project);
    return QVariant();
  });
  connect(task, &BackgroundTask::finished, this, [this, task, generation, rows] {
    if (generation != generation_) return;  // a newer load was asked for
    if (task->state() == BackgroundTask::State::Succeeded) emit loaded(rows);
    if (task->state() == BackgroundTask::State::Failed) emit failed(task->error());
  });
}

}  // namespace avqa
