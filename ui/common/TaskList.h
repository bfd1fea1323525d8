#pragma once

#include <QObject>
#include <QPointer>
#include <vector>

#include "BackgroundTask.h"

namespace avqa {

// The window's running tasks, in one place: it starts them, shows them (TaskStatusWidget
// observes it) and cancels them all when the window closes.
class TaskList : public QObject {
  Q_OBJECT
 public:
  explicit TaskList(QObject* parent = nullptr);
  ~TaskList() override;  // cancels what still runs

  // Starts `work` as a task owned by this list; the task deletes itself once finished and
  // its finished() has been delivered.
  BackgroundTask* start(const QString& title, BackgroundTask::Work work);
  std::vector<BackgroundTask*> running() const;
  void cancelAll();

 signals:
  void changed();  // a task started, progressed or ended

 private:
  std::vector<QPointer<BackgroundTask>> tasks_;
};

}  // namespace avqa
