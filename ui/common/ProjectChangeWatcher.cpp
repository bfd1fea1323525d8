#include "ProjectChangeWatcher.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>
#include <mutex>
#include <optional>
#include <string>

#include "storage/ProjectStore.h"

namespace avqa {

// What a poll needs in its thread: the connection (opened at the first poll) and the newest
// history id reported so far. Shared with a poll still running when the watcher goes.
struct ProjectChangeWatcher::Poll {
  std::string project_path;
  std::int64_t known_history_id = 0;
  std::mutex mutex;
  std::unique_ptr<ProjectStore> store;
};

ProjectChangeWatcher::ProjectChangeWatcher(const QString& project_path, std::int64_t known_history_id, int interval_ms,
                                           QObject* parent)
    : QObject(parent), poll_(std::make_shared<Poll>()) {
  poll_->project_path = project_path.toStdString();
  poll_->known_history_id = known_history_id;
  connect(&timer_, &QTimer::timeout, this, &ProjectChangeWatcher::poll);
  timer_.start(interval_ms);
}

ProjectChangeWatcher::~ProjectChangeWatcher() = default;

void ProjectChangeWatcher::poll() {
  if (in_flight_) return;
  in_flight_ = true;
  QPointer<ProjectChangeWatcher> self(this);
  QThreadPool::globalInstance()->start([self, poll = poll_] {
    std::vector<std::int64_t> ids;
    std::optional<std::string> error;
    {
      std::lock_guard<std::mutex> lock(poll->mutex);
      try {
        if (!poll->store) poll->store = std::make_unique<ProjectStore>(poll->project_path, DbConnection::OpenMode::MustExist);
        DbStatement query = poll->store->connection().prepare("SELECT id FROM question_history WHERE id > ? ORDER BY id");
        query.bind(1, poll->known_history_id);
        while (query.step()) ids.push_back(query.columnInt(0));
        if (!ids.empty()) poll->known_history_id = ids.back();
      } catch (const std::exception& failure) {
        error = failure.what();
        poll->store.reset();  // a server that went away: connect again at the next poll
      }
    }
    QMetaObject::invokeMethod(
        qApp, [self, ids = std::move(ids), error] {
          if (!self) return;
          self->in_flight_ = false;
          if (error) {
            if (!self->failing_) emit self->failed(QString::fromStdString(*error));
            self->failing_ = true;
            return;
          }
          self->failing_ = false;
          if (!ids.empty()) emit self->changed(ids);
        },
        Qt::QueuedConnection);
  });
}

}  // namespace avqa
