#pragma once

#include <QObject>
#include <QString>

namespace avqa {

class MainWindow;

// What `avqa-lens` without arguments does: make the demo (a synthetic benchmark and its
// project in the user's data folder) on first run, as a task of the window behind a
// progress dialog, then open the main window on its first test video with the shipped model
// loaded and a question typed in, one click (or Ctrl+Enter) from its answer.
class DemoStartup : public QObject {
  Q_OBJECT
 public:
  DemoStartup(MainWindow& window, QString demo_folder, QString model_path, QObject* parent = nullptr);
  void start();

 signals:
  void demoReady(const QString& project_path, const QString& video_path);
  void failed(const QString& message);

 private:
  MainWindow& window_;
  QString demo_folder_;
  QString model_path_;
};

}  // namespace avqa
