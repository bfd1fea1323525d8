#pragma once

#include "QuestionRowMetaType.h"
#include <QMainWindow>
#include "storage/QuestionRows.h"
#include "storage/SqliteConnection.h"

class QAction;
class QLabel;
class QTabWidget;
class QTimer;

namespace avqa {

class AgreementTab;
class BlindAnnotationDialog;
class AnnotationPanel;
class BalanceDashboard;
class EvaluationTab;
class AttentionTab;
class TaskList;
class UiSettings;
class QuestionTableModel;
class QuestionsTab;
class WorkspaceSession;

// The curation and evaluation workspace of one project: the QA table with its annotation
// editor, the balance dashboard, the evaluation and attention views and the blind
// annotators' agreement, in tabs. It lays out and
// connects: the state and every edit live in its WorkspaceSession; Ctrl+Z / Ctrl+Shift+Z
// undo and redo across all edits.
class WorkspaceWindow : public QMainWindow {
  Q_OBJECT
 public:
  // `feature_cache_root`: where evaluation runs cache encoder features (empty: no cache).
  // `settings` (may be null) keeps the annotator's name, which signs every edit.
  // `open_mode` ReadOnly (or a file the user cannot write) shows a banner and refuses edits.
  WorkspaceWindow(const QString& project_path, const QString& feature_cache_root, QWidget* parent = nullptr,
                  UiSettings* settings = nullptr,
                  DbConnection::OpenMode open_mode = DbConnection::OpenMode::MustExist);
  ~WorkspaceWindow() override;

  WorkspaceSession& session() const { return *session_; }
  TaskList* tasks() const { return tasks_; }
  QuestionTableModel* model() const;  // the session's rows
  QuestionsTab* questionsTab() const { return questions_; }
  BalanceDashboard* dashboard() const { return dashboard_; }
  EvaluationTab* evaluation() const { return evaluation_; }
  AttentionTab* attention() const { return attention_; }
  AgreementTab* agreement() const { return agreement_; }
  QTabWidget* tabs() const { return tabs_; }
  QAction* undoAction() const { return undo_; }
  QAction* redoAction() const { return redo_; }
  QLabel* readOnlyBanner() const { return read_only_banner_; }  // null for a writable project
  const QString& projectPath() const;
  void reload();
  // Edit > Blind annotation of this split: the dialog for the annotator signing the edits.
  BlindAnnotationDialog* openBlindAnnotation(const QString& split);

 signals:
  void rowsReloaded();
  void rowEdited(qint64 row);  // one row changed in place (no reload)
  void questionChosen(const avqa::QuestionRow& row);  // to open it in the inspector
  void errorShown(const QString& message);

 private:
  void buildMenus(UiSettings* settings);
  void refreshUndoActions();
  void showReadOnlyBanner();
  void connectPanel(AnnotationPanel& panel);

  WorkspaceSession* session_ = nullptr;
  TaskList* tasks_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QuestionsTab* questions_ = nullptr;
  BalanceDashboard* dashboard_ = nullptr;
  EvaluationTab* evaluation_ = nullptr;
  AttentionTab* attention_ = nullptr;
  AgreementTab* agreement_ = nullptr;
  QTimer* dashboard_refresh_ = nullptr;
  QAction* undo_ = nullptr;
  QAction* redo_ = nullptr;
  QLabel* read_only_banner_ = nullptr;
};

}  // namespace avqa
