#include "UiSettings.h"

#include "storage/PgConnection.h"

#include <QFileInfo>
#include <QStandardPaths>

namespace avqa {

UiSettings::UiSettings(const QString& file_path) : settings_(file_path, QSettings::IniFormat) {}

QString UiSettings::defaultFilePath() {
  return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/avqa-lens/avqa-lens.ini");
}

QStringList UiSettings::recentProjects() const {
  QStringList existing;
  for (const QString& path : settings_.value(QStringLiteral("projects/recent")).toStringList()) {
    if (isServerUrl(path.toStdString()) || QFileInfo::exists(path)) existing << path;  // a server project: kept
  }
  return existing;
}

void UiSettings::addRecentProject(const QString& path) {
  QStringList recent = settings_.value(QStringLiteral("projects/recent")).toStringList();
  const QString absolute = isServerUrl(path.toStdString()) ? path : QFileInfo(path).absoluteFilePath();
  recent.removeAll(absolute);
  recent.prepend(absolute);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings_.setValue(QStringLiteral("projects/recent"), recent);
  settings_.sync();
}

QByteArray UiSettings::windowGeometry() const { return settings_.value(QStringLiteral("window/geometry")).toByteArray(); }
QByteArray UiSettings::windowState() const { return settings_.value(QStringLiteral("window/state")).toByteArray(); }

void UiSettings::setWindowLayout(const QByteArray& geometry, const QByteArray& state) {
  settings_.setValue(QStringLiteral("window/geometry"), geometry);
  settings_.setValue(QStringLiteral("window/state"), state);
  settings_.sync();
}

int UiSettings::heatmapKind(int fallback) const { return settings_.value(QStringLiteral("overlay/kind"), fallback).toInt(); }
void UiSettings::setHeatmapKind(int kind) { settings_.setValue(QStringLiteral("overlay/kind"), kind); }
QString UiSettings::annotatorName() const { return settings_.value(QStringLiteral("annotation/name")).toString(); }
void UiSettings::setAnnotatorName(const QString& name) { settings_.setValue(QStringLiteral("annotation/name"), name); }

int UiSettings::colormap() const { return settings_.value(QStringLiteral("overlay/colormap"), 0).toInt(); }
void UiSettings::setColormap(int index) { settings_.setValue(QStringLiteral("overlay/colormap"), index); }
int UiSettings::opacityPercent() const { return settings_.value(QStringLiteral("overlay/opacity"), 65).toInt(); }
void UiSettings::setOpacityPercent(int percent) { settings_.setValue(QStringLiteral("overlay/opacity"), percent); }

}  // namespace avqa
