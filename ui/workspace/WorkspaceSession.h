#pragma once

#include "QuestionRowMetaType.h"
#include <QObject>
#include <QString>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "annotation/AnnotationSession.h"
#include "storage/ProjectStore.h"
#include "storage/QuestionEdits.h"

namespace avqa {

class ProjectChangeWatcher;
class QuestionRowsLoader;
class QuestionTableModel;
class TaskList;

// The workspace's state, without widgets: the project and its annotation session (edits,
// history, undo, redo), the question rows every tab reads (a table model) and who signs the
// edits. Views send intents; each edit is committed at once, then an answer, flag or note
// edit changes its row in place and any other edit reads the rows again as a task. Edits made
// elsewhere (another window, annotator or machine) are noticed by polling the project's
// history and read again within a second; an edit of a question changed elsewhere since it
// was shown is refused, and the rows are read again so the change shows.
class WorkspaceSession : public QObject {
  Q_OBJECT
 public:
  // `annotator`: who signs the edits (empty: the system user).
  WorkspaceSession(const QString& project_path, TaskList& tasks, const QString& annotator,
                   DbConnection::OpenMode open_mode, QObject* parent = nullptr);
  ~WorkspaceSession() override;

  ProjectStore& project() { return *store_; }
  const QString& projectPath() const { return project_path_; }
  QuestionTableModel& rows() const { return *rows_; }
  bool isReadOnly() const { return store_->access() == DbConnection::Access::ReadOnly; }
  QString readOnlyReason() const { return QString::fromStdString(store_->readOnlyReason()); }
  bool canUndo() const;
  bool canRedo() const;
  QString undoText() const;  // "Undo answer of question 3" when there is one
  QString redoText() const;
  QString annotator() const { return QString::fromStdString(edits_->who()); }
  const std::string& annotatorName() const { return edits_->name(); }  // without the database role
  void setAnnotator(const QString& name) { edits_->setWho(name.toStdString()); }
  std::vector<HistoryEntry> history(std::int64_t row) { return questionHistory(*store_, row); }

  // Intents. Each returns false (and errorShown says why) when the edit was refused.
  bool setAnswer(std::int64_t row, const QString& answer);
  bool setFlags(std::int64_t row, int flags);
  bool setNote(std::int64_t row, const QString& note);
  bool remove(std::int64_t row);
  std::optional<std::int64_t> addQuestion(const QString& split, const NewQuestion& question);  // its row
  std::optional<std::int64_t> flipVideo(const QString& split, const QString& video_id);  // pairs added
  bool undo();
  bool redo();
  // Any other edit through the annotation session; the rows are read again.
  bool edit(const std::function<void(AnnotationSession&)>& change);
  void reload();

 signals:
  void rowsReloaded();         // every row read again
  void rowEdited(qint64 row);  // one row changed in place
  void undoStateChanged();
  void errorShown(const QString& message);
  void changedElsewhere(int edits);  // edits by others were noticed; the rows are being read again

 private:
  bool commit(const std::function<void(AnnotationSession&)>& change);
  bool editRow(std::int64_t row, const std::function<void(AnnotationSession&)>& change,
               const std::function<void(QuestionRow&)>& shown_change);

  QString project_path_;
  std::unique_ptr<ProjectStore> store_;
  std::unique_ptr<AnnotationSession> edits_;
  QuestionTableModel* rows_ = nullptr;
  QuestionRowsLoader* loader_ = nullptr;
  ProjectChangeWatcher* watcher_ = nullptr;
};

}  // namespace avqa
