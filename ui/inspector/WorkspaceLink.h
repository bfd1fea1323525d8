#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include "storage/QuestionRows.h"

class QWidget;

namespace avqa {

class UiSettings;
class WorkspaceWindow;

// The main window's one curation workspace: opened on the window's project (a new one when
// the project changed), its chosen questions and reloads passed on as signals.
class WorkspaceLink : public QObject {
  Q_OBJECT
 public:
  WorkspaceLink(QWidget& owner, UiSettings* settings, QString feature_cache_root);

  // The workspace on `project_path`, shown; throws what WorkspaceWindow throws.
  WorkspaceWindow* open(const QString& project_path);
  // Reloads the open workspace's rows; false when none is open.
  bool reload();

 signals:
  void questionChosen(const avqa::QuestionRow& row);
  void rowsReloaded();

 private:
  QWidget& owner_;
  UiSettings* settings_;
  QString feature_cache_root_;
  QPointer<WorkspaceWindow> workspace_;
};

}  // namespace avqa
