#include "WorkspaceLink.h"

#include "WorkspaceWindow.h"

namespace avqa {

WorkspaceLink::WorkspaceLink(QWidget& owner, UiSettings* settings, QString feature_cache_root)
    : QObject(&owner), owner_(owner), settings_(settings), feature_cache_root_(std::move(feature_cache_root)) {}

WorkspaceWindow* WorkspaceLink::open(const QString& project_path) {
  if (!workspace_ || workspace_->projectPath() != project_path) {
    delete workspace_;
    workspace_ = new WorkspaceWindow(project_path, feature_cache_root_, &owner_, settings_);
    connect(workspace_, &WorkspaceWindow::questionChosen, this, &WorkspaceLink::questionChosen);
    connect(workspace_, &WorkspaceWindow::rowsReloaded, this, &WorkspaceLink::rowsReloaded);
    // The dataset dock reads its rows again in the background after an in-place edit too.
    connect(workspace_, &WorkspaceWindow::rowEdited, this, &WorkspaceLink::rowsReloaded);
  }
  workspace_->show();
  workspace_->activateWindow();
  return workspace_;
}

bool WorkspaceLink::reload() {
  if (!workspace_) return false;
  workspace_->reload();
  return true;
}

}  // namespace avqa
