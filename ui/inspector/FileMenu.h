#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>

#include "FolderMapDialog.h"

class QMainWindow;
class QMenu;

namespace avqa {

class TaskList;
class UiSettings;

// The File menu: new and open project (a file, or a project on a PostgreSQL server), import questions (MUSIC-AVQA JSON), add a folder of
// videos or of .npy features, recent projects, quit. Imports run as tasks of the window's TaskList; the window hears
// what changed through the signals and shows problems as messages.
class FileMenu : public QObject {
  Q_OBJECT
 public:
  FileMenu(QMainWindow& window, UiSettings* settings, TaskList& tasks);  // settings may be null: no recent list

  void setProject(const QString& project_path);  // the project imports go into
  // What the dialogs lead to (tests call these directly).
  void createProject(const QString& path);
  // postgresql://USER@HOST[:PORT]/DB?project=NAME; a malformed URL is refused (failed).
  void openServerProject(const QString& url);
  void importQuestions(const QString& json_path, const QString& split);
  void addVideoFolder(const QString& folder);
  // Released per-kind .npy features ({folder}/vggish/{video_id}.npy, …) for models that read them.
  void addFeatureFolder(const QString& folder);
  // File > Folders on this machine: the project's folders are read in a task, then shown in a
  // FolderMapDialog (folderMapShown); saving it writes this machine's FolderMap.
  void showFolderMap();
  void saveFolderMap(const FolderMap& map);

 signals:
  void projectChosen(const QString& path);
  void projectChanged();  // questions or videos were added
  void workspaceRequested();
  void failed(const QString& message);
  void folderMapShown(FolderMapDialog* dialog);

 private:
  void rebuildRecent();
  void runAsTask(const QString& title, std::function<void()> work);

  QMainWindow& window_;
  UiSettings* settings_;
  QMenu* recent_menu_ = nullptr;
  QString project_path_;
  TaskList& tasks_;
};

}  // namespace avqa
