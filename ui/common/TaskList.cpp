#include "TaskList.h"

#include <algorithm>

namespace avqa {

TaskList::TaskList(QObject* parent) : QObject(parent) {}

TaskList::~TaskList() { cancelAll(); }

BackgroundTask* TaskList::start(const QString& title, BackgroundTask::Work work) {
  auto* task = new BackgroundTask(title, std::move(work), this);
  tasks_.emplace_back(task);
  connect(task, &BackgroundTask::progressed, this, &TaskList::changed);
  connect(task, &BackgroundTask::finished, this, [this, task] {
    tasks_.erase(std::remove_if(tasks_.begin(), tasks_.end(), [task](const QPointer<BackgroundTask>& t) { return !t || t == task; }),
                 tasks_.end());
    task->deleteLater();
    emit changed();
  });
  task->start();
  emit changed();
  return task;
}

std::vector<BackgroundTask*> TaskList::running() const {
  std::vector<BackgroundTask*> running;
  for (const QPointer<BackgroundTask>& task : tasks_) {
    if (task && task->state() == BackgroundTask::State::Running) running.push_back(task);
  }
  return running;
}

void TaskList::cancelAll() {
  for (const QPointer<BackgroundTask>& task : tasks_) {
    if (task) task->cancel();
  }
}

}  // namespace avqa
