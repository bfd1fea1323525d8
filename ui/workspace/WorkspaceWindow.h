#pragma once

#include "QuestionRowMetaType.h"
#include <QMainWindow>
#include <functional>
#include <memory>

#include "annotation/AnnotationSession.h"
#include "storage/QuestionRows.h"

class QAction;
class QLabel;
class QTabWidget;
class QTimer;

namespace avqa {

class AnnotationPanel;
class BalanceDashboard;
class EvaluationTab;
class AttentionTab;
class QuestionRowsLoader;
class TaskList;
class UiSettings;
class QuestionTableModel;
class QuestionsTab;

// The curation and evaluation workspace of one project: the QA table with its annotation
// editor, the balance dashboard and the evaluation view, in tabs. Every edit is committed at
// once (AnnotationSession); Ctrl+Z / Ctrl+Shift+Z undo and redo across all of them. An edit
// of a question's answer, flags or note changes that row in place; other changes (add,
// remove, flip, undo) read the rows again in a background task, and every tab follows.
class WorkspaceWindow : public QMainWindow {
  Q_OBJECT
 public:
  // `feature_cache_root`: where evaluation runs cache encoder features (empty: no cache).
  // `settings` (may be null) keeps the annotator's name, which signs every edit.
  // `open_mode` ReadOnly (or a file the user cannot write) shows a banner and refuses edits.
  WorkspaceWindow(const QString& project_path, const QString& feature_cache_root, QWidget* parent = nullptr,
                  UiSettings* settings = nullptr,
                  SqliteConnection::OpenMode open_mode = SqliteConnection::OpenMode::MustExist);
  TaskList* tasks() const { return tasks_; }
  ~WorkspaceWindow() override;

  QuestionTableModel* model() const { return model_; }
  QuestionsTab* questionsTab() const { return questions_; }
  BalanceDashboard* dashboard() const { return dashboard_; }
  EvaluationTab* evaluation() const { return evaluation_; }
  AttentionTab* attention() const { return attention_; }
  QTabWidget* tabs() const { return tabs_; }
  QAction* undoAction() const { return undo_; }
  QAction* redoAction() const { return redo_; }
  QLabel* readOnlyBanner() const { return read_only_banner_; }  // null for a writable project
  ProjectStore& project() { return *store_; }
  const QString& projectPath() const { return project_path_; }

  // One edit through the session: committed, then the rows are read again. False (and the
  // message shown) when the edit was refused.
  bool edit(const std::function<void(AnnotationSession&)>& change);
  // An edit of one question's fields: committed, then that row alone is changed in the
  // table (`shown_change`) and repainted; the dashboard follows shortly after.
  bool editRow(std::int64_t row, const std::function<void(AnnotationSession&)>& change,
               const std::function<void(QuestionRow&)>& shown_change);
  void reload();

 signals:
  void rowsReloaded();
  void rowEdited(qint64 row);  // one row changed in place (no reload)
  void questionChosen(const avqa::QuestionRow& row);  // to open it in the inspector
  void errorShown(const QString& message);

 private:
  bool commit(const std::function<void(AnnotationSession&)>& change);  // false: refused, message shown
  void refreshUndoActions();
  void showReadOnlyBanner();
  void connectPanel(AnnotationPanel& panel);

  QString project_path_;
  std::unique_ptr<ProjectStore> store_;
  std::unique_ptr<AnnotationSession> session_;
  QuestionTableModel* model_ = nullptr;
  QuestionRowsLoader* loader_ = nullptr;
  TaskList* tasks_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QuestionsTab* questions_ = nullptr;
  BalanceDashboard* dashboard_ = nullptr;
  EvaluationTab* evaluation_ = nullptr;
  AttentionTab* attention_ = nullptr;
  QTimer* dashboard_refresh_ = nullptr;
  QAction* undo_ = nullptr;
  QAction* redo_ = nullptr;
  QLabel* read_only_banner_ = nullptr;
};

}  // namespace avqa
