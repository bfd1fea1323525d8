#include "storage/FolderMap.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <filesystem>

#include "common/AvqaError.h"

namespace avqa {
namespace {

const QString kArray = QStringLiteral("folders");
const QString kStored = QStringLiteral("stored");
const QString kLocal = QStringLiteral("local");

}  // namespace

std::string FolderMap::defaultFilePath() {
  return (QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/avqa-lens/folders.ini"))
      .toStdString();
}

FolderMap FolderMap::load(const std::string& file_path) {
  FolderMap map;
  const QString path = QString::fromStdString(file_path);
  if (!QFileInfo::exists(path)) return map;
  QSettings settings(path, QSettings::IniFormat);
  if (settings.status() != QSettings::NoError) throw AvqaError(file_path, "is not a readable folder map (INI file)");
  const int count = settings.beginReadArray(kArray);
  for (int i = 0; i < count; ++i) {
    settings.setArrayIndex(i);
    map.set(settings.value(kStored).toString().toStdString(), settings.value(kLocal).toString().toStdString());
  }
  settings.endArray();
  return map;
}

void FolderMap::save(const std::string& file_path) const {
  const QString path = QString::fromStdString(file_path);
  if (!QDir().mkpath(QFileInfo(path).absolutePath())) throw AvqaError(file_path, "cannot be written: its folder cannot be made");
  // Written beside and renamed over, so a full disk leaves the old map whole.
  const QString staging = path + QStringLiteral(".new");
  QFile::remove(staging);
  {
    QSettings settings(staging, QSettings::IniFormat);
    settings.beginWriteArray(kArray, static_cast<int>(local_by_stored_.size()));
    int i = 0;
    for (const auto& [stored, local] : local_by_stored_) {
      settings.setArrayIndex(i++);
      settings.setValue(kStored, QString::fromStdString(stored));
      settings.setValue(kLocal, QString::fromStdString(local));
    }
    settings.endArray();
    settings.sync();
    if (settings.status() != QSettings::NoError) {
      QFile::remove(staging);
      throw AvqaError(file_path, "cannot be written (disk full or no permission): the folder map was not changed");
    }
  }
  std::error_code error;
  std::filesystem::rename(staging.toStdString(), file_path, error);
  if (error) {
    QFile::remove(staging);
    throw AvqaError(file_path, "cannot be replaced (" + error.message() + "): the folder map was not changed");
  }
}

void FolderMap::set(const std::string& stored, const std::string& local) {
  if (stored.empty()) return;
  if (local.empty()) {
    local_by_stored_.erase(stored);
  } else {
    local_by_stored_[stored] = local;
  }
}

std::optional<std::string> FolderMap::localPath(const std::string& stored) const {
  const auto found = local_by_stored_.find(stored);
  if (found == local_by_stored_.end()) return std::nullopt;
  return found->second;
}

}  // namespace avqa
