#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace avqa {

// What the app remembers between runs (window layout, overlay choices, recent projects), in
// one INI file whose path the caller gives: the app passes the user's config folder, tests a
// temporary one. Values are written when set.
class UiSettings {
 public:
  explicit UiSettings(const QString& file_path);
  // The app's usual file: <config folder>/avqa-lens/avqa-lens.ini.
  static QString defaultFilePath();

  QStringList recentProjects() const;  // newest first, at most kMaxRecent, only existing files
  void addRecentProject(const QString& path);

  QByteArray windowGeometry() const;
  QByteArray windowState() const;
  void setWindowLayout(const QByteArray& geometry, const QByteArray& state);

  int heatmapKind(int fallback) const;
  void setHeatmapKind(int kind);
  // The annotator's name, the author of their edits (empty: not given yet).
  QString annotatorName() const;
  void setAnnotatorName(const QString& name);
  int colormap() const;
  void setColormap(int index);
  int opacityPercent() const;
  void setOpacityPercent(int percent);

  static constexpr int kMaxRecent = 8;

 private:
  mutable QSettings settings_;
};

}  // namespace avqa
