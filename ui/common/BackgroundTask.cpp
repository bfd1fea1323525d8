#include "BackgroundTask.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>

namespace avqa {

// What the worker thread and the task object share: the thread outlives a task object
// deleted early (its window closed), and then only drops its result.
struct BackgroundTask::Shared {
  CancelToken cancel;
};

BackgroundTask::BackgroundTask(QString title, Work work, QObject* parent)
    : QObject(parent), title_(std::move(title)), work_(std::move(work)), shared_(std::make_shared<Shared>()) {}

BackgroundTask::~BackgroundTask() { shared_->cancel.cancel(); }

void BackgroundTask::start() {
  const QPointer<BackgroundTask> self(this);
  QThread* thread = QThread::create([self, shared = shared_, work = work_] {
    TaskContext context{shared->cancel, [self](const QString& stage, double fraction) {
                          QMetaObject::invokeMethod(qApp, [self, stage, fraction] {
                            if (!self || self->state_ != State::Running) return;
                            self->stage_ = stage;
                            self->fraction_ = fraction;
                            emit self->progressed(stage, fraction);
                          }, Qt::QueuedConnection);
                        }};
    State state = State::Succeeded;
    QVariant result;
    QString error;
    try {
      result = work(context);
    } catch (const Cancelled&) {
      state = State::Cancelled;
    } catch (const std::exception& failure) {
      state = State::Failed;
      error = QString::fromUtf8(failure.what());
    } catch (...) {
      state = State::Failed;
      error = QStringLiteral("unknown failure");
    }
    if (state == State::Succeeded && shared->cancel.cancelled()) state = State::Cancelled;
    QMetaObject::invokeMethod(qApp, [self, state, result, error] { if (self) self->deliver(state, result, error); },
                              Qt::QueuedConnection);
  });
  // The thread deletes itself when done; nothing waits for it.
  connect(thread, &QThread::finished, thread, &QObject::deleteLater);
  thread->start();
}

void BackgroundTask::cancel() { shared_->cancel.cancel(); }

void BackgroundTask::deliver(State state, const QVariant& result, const QString& error) {
  state_ = state;
  result_ = result;
  error_ = error;
  if (state == State::Succeeded) emit succeeded(result);
  if (state == State::Failed) emit failed(error);
  if (state == State::Cancelled) emit cancelled();
  emit finished();
}

}  // namespace avqa
