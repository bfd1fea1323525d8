#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QThread>
#include <atomic>
#include <memory>

namespace avqa {

class InspectorWindow;

// What `avqa-lens` without arguments does: make the demo (a synthetic benchmark and its
// project in the user's data folder) on first run, in a worker thread behind a progress
// dialog, then open the inspector on its first test video with the shipped model loaded and
// a question typed in, one click (or Ctrl+Enter) from its answer.
class DemoStartup : public QObject {
  Q_OBJECT
 public:
  DemoStartup(InspectorWindow& window, QString demo_folder, QString model_path, QObject* parent = nullptr);
  ~DemoStartup() override;  // a demo still being made is cancelled and waited for
  void start();

 signals:
  void progressed(int done, int total);
  void demoReady(const QString& project_path, const QString& video_path);
  void failed(const QString& message);

 private:
  InspectorWindow& window_;
  QString demo_folder_;
  QString model_path_;
  QPointer<QThread> thread_;
  std::shared_ptr<std::atomic<bool>> cancelled_ = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace avqa
