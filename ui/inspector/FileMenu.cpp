#include "FileMenu.h"

#include "TaskList.h"

#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenuBar>

#include "FolderMapDialog.h"
#include "UiSettings.h"
#include "dataset/ImportSummary.h"
#include "dataset/MusicAvqaFile.h"
#include "storage/AskStore.h"
#include "storage/FeatureFolders.h"
#include "storage/FolderMap.h"
#include "storage/PgConnection.h"
#include "storage/ProjectStore.h"

namespace avqa {

FileMenu::FileMenu(QMainWindow& window, UiSettings* settings, TaskList& tasks)
    : QObject(&window), window_(window), settings_(settings), tasks_(tasks) {
  QMenu* menu = window.menuBar()->addMenu(tr("&File"));
  menu->addAction(tr("&New project…"), QKeySequence::New, this, [this] {
    QString path = QFileDialog::getSaveFileName(&window_, tr("New project"), QString(), tr("AVQA Lens projects (*.avqa)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(QStringLiteral(".avqa"))) path += QStringLiteral(".avqa");
    createProject(path);
  });
  menu->addAction(tr("&Open project…"), QKeySequence::Open, this, [this] {
    const QString path = QFileDialog::getOpenFileName(&window_, tr("Open project"), QString(), tr("AVQA Lens projects (*.avqa)"));
    if (!path.isEmpty()) emit projectChosen(path);
  });
  menu->addAction(tr("Open &server project…"), this, [this] {
    QString last;
    for (const QString& recent : settings_ ? settings_->recentProjects() : QStringList()) {
      if (last.isEmpty() && isServerUrl(recent.toStdString())) last = recent;
    }
    bool ok = false;
    const QString url = QInputDialog::getText(&window_, tr("Open server project"),
                                              tr("postgresql://USER@HOST[:PORT]/DB?project=NAME (the password from ~/.pgpass):"),
                                              QLineEdit::Normal, last.isEmpty() ? QStringLiteral("postgresql://") : last, &ok);
    if (ok && !url.trimmed().isEmpty()) openServerProject(url.trimmed());
  });
  recent_menu_ = menu->addMenu(tr("Recent projects"));
  menu->addSeparator();
  menu->addAction(tr("&Import questions…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(&window_, tr("Import MUSIC-AVQA questions"), QString(), tr("Question files (*.json)"));
    if (path.isEmpty()) return;
    bool ok = false;
    const QString split = QInputDialog::getText(&window_, tr("Import questions"), tr("Split name:"), QLineEdit::Normal,
                                                QString::fromStdString(defaultSplitName(path.toStdString())), &ok);
    if (ok && !split.trimmed().isEmpty()) importQuestions(path, split.trimmed());
  });
  menu->addAction(tr("Add &videos (folder)…"), this, [this] {
    const QString folder = QFileDialog::getExistingDirectory(&window_, tr("Folder of videos"));
    if (!folder.isEmpty()) addVideoFolder(folder);
  });
  menu->addAction(tr("Add &feature folder…"), this, [this] {
    const QString folder = QFileDialog::getExistingDirectory(&window_, tr("Folder of .npy features (vggish/, clip-vit-b32/, …)"));
    if (!folder.isEmpty()) addFeatureFolder(folder);
  });
  menu->addAction(tr("Folders on this &machine…"), this, &FileMenu::showFolderMap);
  menu->addSeparator();
  menu->addAction(tr("Curation and &evaluation workspace…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this,
                  [this] { emit workspaceRequested(); });
  menu->addSeparator();
  menu->addAction(tr("&Quit"), QKeySequence::Quit, &window_, &QMainWindow::close);
  rebuildRecent();
}

void FileMenu::setProject(const QString& project_path) {
  project_path_ = project_path;
  if (settings_ && !project_path.isEmpty()) settings_->addRecentProject(project_path);
  rebuildRecent();
}

void FileMenu::rebuildRecent() {
  recent_menu_->clear();
  const QStringList recent = settings_ ? settings_->recentProjects() : QStringList();
  recent_menu_->setEnabled(!recent.isEmpty());
  for (const QString& path : recent) {
    const bool on_server = isServerUrl(path.toStdString());
    recent_menu_->addAction(on_server ? path : QFileInfo(path).fileName() + QStringLiteral("  —  ") + QFileInfo(path).absolutePath(), this,
                            [this, path] { emit projectChosen(path); });
  }
}

void FileMenu::openServerProject(const QString& url) {
  try {
    parseServerUrl(url.toStdString());  // a malformed URL or one with a password: said now, nothing opened
  } catch (const std::exception& error) {
    emit failed(QString::fromUtf8(error.what()));
    return;
  }
  emit projectChosen(url);
}

void FileMenu::createProject(const QString& path) {
  try {
    if (QFileInfo::exists(path)) throw std::runtime_error(path.toStdString() + ": exists; open it instead");
    ProjectStore(path.toStdString(), DbConnection::OpenMode::CreateIfMissing);  // a few pragmas: instant
    emit projectChosen(path);
  } catch (const std::exception& error) {
    emit failed(QString::fromUtf8(error.what()));
  }
}

void FileMenu::runAsTask(const QString& title, std::function<void()> work) {
  if (project_path_.isEmpty()) {
    emit failed(tr("Open or create a project first (File > New project)."));
    return;
  }
  BackgroundTask* task = tasks_.start(title, [work = std::move(work)](TaskContext&) {
    work();
    return QVariant();
  });
  connect(task, &BackgroundTask::succeeded, this, &FileMenu::projectChanged);
  connect(task, &BackgroundTask::failed, this, &FileMenu::failed);
}

void FileMenu::importQuestions(const QString& json_path, const QString& split) {
  runAsTask(tr("Importing %1").arg(QFileInfo(json_path).fileName()),
            [project = project_path_.toStdString(), file = json_path.toStdString(), name = split.toStdString()] {
    const MusicAvqaFile questions = readMusicAvqaFile(file);  // bad input stops here: nothing stored changes
    ProjectStore store(project, DbConnection::OpenMode::MustExist);
    store.importSplit(name, questions, ExistingPolicy::Refuse);
  });
}

void FileMenu::addFeatureFolder(const QString& folder) {
  runAsTask(tr("Adding features"), [project = project_path_.toStdString(), path = folder.toStdString()] {
    ProjectStore store(project, DbConnection::OpenMode::MustExist);
    FeatureFolders(store).add(path);
  });
}

void FileMenu::addVideoFolder(const QString& folder) {
  runAsTask(tr("Adding videos"), [project = project_path_.toStdString(), path = folder.toStdString()] {
    ProjectStore store(project, DbConnection::OpenMode::MustExist);
    VideoFolders(store).add(path);
  });
}

void FileMenu::showFolderMap() {
  if (project_path_.isEmpty()) {
    emit failed(tr("Open or create a project first (File > New project)."));
    return;
  }
  BackgroundTask* task = tasks_.start(tr("Reading the project's folders"), [project = project_path_.toStdString()](TaskContext&) {
    ProjectStore store(project, DbConnection::OpenMode::MustExist);
    QVariantList rows;
    const auto add = [&rows](const QString& kind, const std::vector<std::string>& stored, const std::vector<std::string>& local) {
      for (std::size_t i = 0; i < stored.size(); ++i) {
        rows.append(QStringList{kind, QString::fromStdString(stored[i]), QString::fromStdString(local[i])});
      }
    };
    VideoFolders videos(store, FolderMap());  // unmapped: the dialog shows the map over it
    FeatureFolders features(store, FolderMap());
    add(QStringLiteral("videos"), videos.storedPaths(), videos.absolutePaths());
    add(QStringLiteral("features"), features.storedPaths(), features.absolutePaths());
    return QVariant(rows);
  });
  connect(task, &BackgroundTask::failed, this, &FileMenu::failed);
  connect(task, &BackgroundTask::succeeded, this, [this](const QVariant& result) {
    std::vector<FolderMapDialog::Row> rows;
    for (const QVariant& row : result.toList()) {
      const QStringList fields = row.toStringList();
      rows.push_back({fields.value(0), fields.value(1), fields.value(2)});
    }
    if (rows.empty()) {
      emit failed(tr("The project keeps no video or feature folder yet (File > Add videos)."));
      return;
    }
    FolderMap map;
    try {
      map = FolderMap::load(FolderMap::defaultFilePath());
    } catch (const std::exception& error) {
      emit failed(QString::fromUtf8(error.what()));
      return;
    }
    auto* dialog = new FolderMapDialog(&window_, std::move(rows), std::move(map));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { saveFolderMap(dialog->map()); });
    dialog->open();
    emit folderMapShown(dialog);
  });
}

void FileMenu::saveFolderMap(const FolderMap& map) {
  try {
    map.save(FolderMap::defaultFilePath());
    emit projectChanged();  // videos and features are looked for again
  } catch (const std::exception& error) {
    emit failed(QString::fromUtf8(error.what()));
  }
}

}  // namespace avqa
