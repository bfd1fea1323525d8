#pragma once

#include <QObject>
#include <QString>
#include <QVariant>
#include <functional>
#include <memory>

#include "common/CancelToken.h"

namespace avqa {

// What a task's work gets: its cancel token and a progress callback (any thread).
struct TaskContext {
  CancelToken cancel;
  std::function<void(const QString& stage, double fraction)> progress;
};

// One long job of the GUI, run in a thread of its own: a title, progress, cancel, and either
// a result or an error, delivered on the GUI thread. The work is a function that touches no
// widget; it returns its result as a QVariant and reports failure by throwing (AvqaError's
// message is shown as it is; Cancelled means cancelled). The GUI thread never waits for it.
class BackgroundTask : public QObject {
  Q_OBJECT
 public:
  using Work = std::function<QVariant(TaskContext&)>;
  enum class State { Running, Succeeded, Failed, Cancelled };

  BackgroundTask(QString title, Work work, QObject* parent = nullptr);
  ~BackgroundTask() override;

  void start();
  void cancel();
  const QString& title() const { return title_; }
  State state() const { return state_; }
  const QString& stage() const { return stage_; }
  double fraction() const { return fraction_; }
  const QString& error() const { return error_; }
  const QVariant& result() const { return result_; }

 signals:
  void progressed(const QString& stage, double fraction);
  void succeeded(const QVariant& result);
  void failed(const QString& message);
  void cancelled();
  void finished();  // after any of the three above

 private:
  struct Shared;
  void deliver(State state, const QVariant& result, const QString& error);

  QString title_;
  Work work_;
  std::shared_ptr<Shared> shared_;
  State state_ = State::Running;
  QString stage_;
  double fraction_ = 0.0;
  QString error_;
  QVariant result_;
};

}  // namespace avqa
