#pragma once

#include <QObject>
#include <QTimer>
#include <cstdint>
#include <memory>
#include <vector>

namespace avqa {

// Watches a project for edits made elsewhere (another window, another annotator, another
// machine on a server project): every `interval_ms` it asks, off the GUI thread and with a
// connection of its own, for the history entries written after the newest one it knows, and
// reports their ids. One poll at a time: a slow server delays the next, never the window.
class ProjectChangeWatcher : public QObject {
  Q_OBJECT
 public:
  // Another window's edit shows within a second: a poll, then the rows read again (0.3 s for
  // a 50,000-question file, 0.9 s on a server: avqa_bench_server).
  static constexpr int kInterval_ms = 300;
  ProjectChangeWatcher(const QString& project_path, std::int64_t known_history_id, int interval_ms, QObject* parent = nullptr);
  ~ProjectChangeWatcher() override;

 signals:
  void changed(const std::vector<std::int64_t>& history_ids);  // newest last
  void failed(const QString& message);                         // once, until a poll works again

 private:
  struct Poll;
  void poll();

  std::shared_ptr<Poll> poll_;
  QTimer timer_;
  bool in_flight_ = false;
  bool failing_ = false;
};

}  // namespace avqa
