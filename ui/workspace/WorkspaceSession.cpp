#include "WorkspaceSession.h"

#include "ProjectChangeWatcher.h"
#include "QuestionRowsLoader.h"
#include "QuestionTableModel.h"
#include "annotation/FlipAugmentation.h"
#include "common/Timestamp.h"

#include <algorithm>

namespace avqa {

WorkspaceSession::WorkspaceSession(const QString& project_path, TaskList& tasks, const QString& annotator,
                                   DbConnection::OpenMode open_mode, QObject* parent)
    : QObject(parent), project_path_(project_path) {
  store_ = std::make_unique<ProjectStore>(project_path.toStdString(), open_mode);
  edits_ = std::make_unique<AnnotationSession>(*store_, annotator.isEmpty() ? currentUserName() : annotator.toStdString());
  rows_ = new QuestionTableModel(this);
  loader_ = new QuestionRowsLoader(tasks, this);
  connect(loader_, &QuestionRowsLoader::loaded, this, [this](const QuestionRowsLoader::Rows& rows, qint64 history_id) {
    rows_->setRows(std::move(*rows));
    edits_->markSeen(history_id);
    emit rowsReloaded();
  });
  watcher_ = new ProjectChangeWatcher(project_path, QuestionEdits(*store_).latestHistoryId(), ProjectChangeWatcher::kInterval_ms, this);
  connect(watcher_, &ProjectChangeWatcher::changed, this, [this](const std::vector<std::int64_t>& history_ids) {
    const auto others = std::count_if(history_ids.begin(), history_ids.end(), [this](std::int64_t id) { return !edits_->isOwnChange(id); });
    if (others == 0) return;
    emit changedElsewhere(static_cast<int>(others));
    reload();
  });
  connect(loader_, &QuestionRowsLoader::failed, this, &WorkspaceSession::errorShown);
}

WorkspaceSession::~WorkspaceSession() = default;

bool WorkspaceSession::canUndo() const { return !isReadOnly() && edits_->canUndo(); }
bool WorkspaceSession::canRedo() const { return !isReadOnly() && edits_->canRedo(); }
QString WorkspaceSession::undoText() const { return edits_->canUndo() ? tr("Undo %1").arg(QString::fromStdString(edits_->undoText())) : tr("Undo"); }
QString WorkspaceSession::redoText() const { return edits_->canRedo() ? tr("Redo %1").arg(QString::fromStdString(edits_->redoText())) : tr("Redo"); }

void WorkspaceSession::reload() { loader_->load(project_path_); }

bool WorkspaceSession::commit(const std::function<void(AnnotationSession&)>& change) {
  try {
    change(*edits_);  // committed before it returns
  } catch (const StaleEditError& error) {
    emit errorShown(QString::fromUtf8(error.what()));
    reload();  // shows the change that made the edit stale
    return false;
  } catch (const std::exception& error) {
    emit errorShown(QString::fromUtf8(error.what()));
    return false;
  }
  emit undoStateChanged();
  return true;
}

bool WorkspaceSession::edit(const std::function<void(AnnotationSession&)>& change) {
  if (!commit(change)) return false;
  reload();
  return true;
}

bool WorkspaceSession::editRow(std::int64_t row, const std::function<void(AnnotationSession&)>& change,
                               const std::function<void(QuestionRow&)>& shown_change) {
  if (!commit(change)) return false;
  if (!rows_->changeRow(row, shown_change)) {
    reload();  // a row the table does not hold yet: read them all
    return true;
  }
  emit rowEdited(row);
  return true;
}

bool WorkspaceSession::setAnswer(std::int64_t row, const QString& answer) {
  return editRow(row, [row, answer](AnnotationSession& s) { s.setAnswer(row, answer.toStdString()); },
                 [answer](QuestionRow& shown) { shown.answer = answer.toStdString(); });
}

bool WorkspaceSession::setFlags(std::int64_t row, int flags) {
  return editRow(row, [row, flags](AnnotationSession& s) { s.setFlags(row, flags); }, [flags](QuestionRow& shown) { shown.flags = flags; });
}

bool WorkspaceSession::setNote(std::int64_t row, const QString& note) {
  return editRow(row, [row, note](AnnotationSession& s) { s.setNote(row, note.toStdString()); },
                 [note](QuestionRow& shown) { shown.note = note.toStdString(); });
}

bool WorkspaceSession::remove(std::int64_t row) {
  return edit([row](AnnotationSession& s) { s.remove(row); });
}

std::optional<std::int64_t> WorkspaceSession::addQuestion(const QString& split, const NewQuestion& question) {
  const std::optional<SplitInfo> info = store_->findSplit(split.toStdString());
  if (!info) {
    emit errorShown(tr("No split \"%1\" to add the question to.").arg(split));
    return std::nullopt;
  }
  std::int64_t added = 0;
  if (!edit([id = info->id, &question, &added](AnnotationSession& s) { added = s.addQuestion(id, question); })) return std::nullopt;
  return added;
}

std::optional<std::int64_t> WorkspaceSession::flipVideo(const QString& split, const QString& video_id) {
  const std::optional<SplitInfo> info = store_->findSplit(split.toStdString());
  if (!info) {
    emit errorShown(tr("No split \"%1\".").arg(split));
    return std::nullopt;
  }
  std::int64_t added = 0;
  if (!edit([&](AnnotationSession& s) { added = addFlippedQuestions(*store_, s, info->id, {video_id.toStdString()}); })) {
    return std::nullopt;
  }
  return added;
}

bool WorkspaceSession::undo() {
  return edit([](AnnotationSession& s) { s.undo(); });
}

bool WorkspaceSession::redo() {
  return edit([](AnnotationSession& s) { s.redo(); });
}

}  // namespace avqa
