#include "WorkspaceWindow.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "AnnotationPanel.h"
#include "AttentionTab.h"
#include "BalanceDashboard.h"
#include "EvaluationTab.h"
#include "QuestionRowsLoader.h"
#include "QuestionTableModel.h"
#include "QuestionsTab.h"
#include "TaskList.h"
#include "TaskStatusWidget.h"
#include "UiSettings.h"
#include "annotation/FlipAugmentation.h"
#include "common/OutputFile.h"
#include "common/Timestamp.h"

namespace avqa {

WorkspaceWindow::WorkspaceWindow(const QString& project_path, const QString& feature_cache_root, QWidget* parent,
                                 UiSettings* settings, SqliteConnection::OpenMode open_mode)
    : QMainWindow(parent), project_path_(project_path) {
  setWindowTitle(tr("%1 — curation and evaluation — AVQA Lens").arg(QFileInfo(project_path).fileName()));
  store_ = std::make_unique<ProjectStore>(project_path.toStdString(), open_mode);
  const QString annotator = settings ? settings->annotatorName() : QString();
  session_ = std::make_unique<AnnotationSession>(*store_, annotator.isEmpty() ? currentUserName() : annotator.toStdString());
  model_ = new QuestionTableModel(this);
  tabs_ = new QTabWidget(this);
  questions_ = new QuestionsTab(*model_);
  dashboard_ = new BalanceDashboard;
  tasks_ = new TaskList(this);
  loader_ = new QuestionRowsLoader(*tasks_, this);
  statusBar()->addPermanentWidget(new TaskStatusWidget(*tasks_, this));
  evaluation_ = new EvaluationTab(*store_, *model_, *tasks_, feature_cache_root);
  tabs_->addTab(questions_, tr("Questions"));
  tabs_->addTab(dashboard_, tr("Balance"));
  tabs_->addTab(evaluation_, tr("Evaluation"));
  attention_ = new AttentionTab(project_path.toStdString(), *model_, *tasks_);
  tabs_->addTab(attention_, tr("Attention"));
  setCentralWidget(tabs_);
  if (store_->access() == SqliteConnection::Access::ReadOnly) showReadOnlyBanner();
  resize(1280, 820);

  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("Export split as MUSIC-AVQA JSON…"), this, [this] {
    const QString split = questions_->currentSplit();
    const std::optional<SplitInfo> info = store_->findSplit(split.toStdString());
    if (!info) {
      emit errorShown(tr("Choose one split in the split filter first."));
      return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export split"), QStringLiteral("avqa-%1.json").arg(split));
    if (path.isEmpty()) return;
    try {
      writeFileAtomically(path.toStdString(), store_->exportSplit(info->id));
    } catch (const std::exception& error) {  // a full disk, a folder without write access
      emit errorShown(QString::fromUtf8(error.what()));
    }
  });
  QMenu* edit_menu = menuBar()->addMenu(tr("&Edit"));
  undo_ = edit_menu->addAction(tr("Undo"), QKeySequence::Undo, this, [this] { edit([](AnnotationSession& s) { s.undo(); }); });
  redo_ = edit_menu->addAction(tr("Redo"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), this,
                               [this] { edit([](AnnotationSession& s) { s.redo(); }); });
  refreshUndoActions();
  edit_menu->addSeparator();
  // Asked once, kept in the settings: the name every edit is signed with.
  edit_menu->addAction(tr("Annotator name…"), this, [this, settings] {
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Annotator name"), tr("Your edits are signed with:"), QLineEdit::Normal,
                                               QString::fromStdString(session_->who()), &ok).trimmed();
    if (!ok || name.isEmpty()) return;
    session_->setWho(name.toStdString());
    if (settings) settings->setAnnotatorName(name);
    statusBar()->showMessage(tr("Edits are signed as %1").arg(name), 8000);
  });

  connect(loader_, &QuestionRowsLoader::loaded, this, [this](const QuestionRowsLoader::Rows& rows) {
    model_->setRows(std::move(*rows));
    questions_->rowsChanged();
    dashboard_->setRows(model_->allRows());
    evaluation_->rowsChanged();
    emit rowsReloaded();
  });
  // Several edits in a row recompute the dashboard once (26 ms at 50,000 questions).
  dashboard_refresh_ = new QTimer(this);
  dashboard_refresh_->setSingleShot(true);
  dashboard_refresh_->setInterval(50);
  connect(dashboard_refresh_, &QTimer::timeout, this, [this] { dashboard_->setRows(model_->allRows()); });
  connect(loader_, &QuestionRowsLoader::failed, this, &WorkspaceWindow::errorShown);
  connect(this, &WorkspaceWindow::errorShown, this, [this](const QString& message) { statusBar()->showMessage(message, 8000); });
  connect(questions_, &QuestionsTab::questionChosen, this, &WorkspaceWindow::questionChosen);
  connect(evaluation_, &EvaluationTab::questionChosen, this, &WorkspaceWindow::questionChosen);
  connect(evaluation_, &EvaluationTab::errorShown, this, &WorkspaceWindow::errorShown);
  connect(evaluation_, &EvaluationTab::runsChanged, this, &WorkspaceWindow::reload);
  connect(evaluation_, &EvaluationTab::runsListed, questions_, &QuestionsTab::setRuns);
  connect(evaluation_, &EvaluationTab::runsListed, attention_, &AttentionTab::setRuns);
  connect(attention_, &AttentionTab::questionChosen, this, &WorkspaceWindow::questionChosen);
  connect(attention_, &AttentionTab::errorShown, this, &WorkspaceWindow::errorShown);
  connect(questions_, &QuestionsTab::runChosen, this, [this](const QString& run) {
    const std::optional<RunInfo> info = store_->findRun(run.toStdString());
    questions_->setRunAnswers(run, info ? store_->predictions(info->id) : std::unordered_map<std::int64_t, std::string>{});
  });
  connectPanel(*questions_->panel());
  evaluation_->refreshRuns();
  reload();
}

WorkspaceWindow::~WorkspaceWindow() { tasks_->cancelAll(); }

void WorkspaceWindow::connectPanel(AnnotationPanel& panel) {
  connect(&panel, &AnnotationPanel::answerRequested, this, [this](qint64 row, const QString& answer) {
    editRow(row, [row, answer](AnnotationSession& s) { s.setAnswer(row, answer.toStdString()); },
            [answer](QuestionRow& shown) { shown.answer = answer.toStdString(); });
  });
  connect(&panel, &AnnotationPanel::flagsRequested, this, [this](qint64 row, int flags) {
    editRow(row, [row, flags](AnnotationSession& s) { s.setFlags(row, flags); }, [flags](QuestionRow& shown) { shown.flags = flags; });
  });
  connect(&panel, &AnnotationPanel::noteRequested, this, [this](qint64 row, const QString& note) {
    editRow(row, [row, note](AnnotationSession& s) { s.setNote(row, note.toStdString()); },
            [note](QuestionRow& shown) { shown.note = note.toStdString(); });
  });
  connect(&panel, &AnnotationPanel::removeRequested, this, [this](qint64 row) {
    edit([row](AnnotationSession& s) { s.remove(row); });
  });
  connect(&panel, &AnnotationPanel::questionShown, this, [this, &panel](qint64 row) {
    panel.showHistory(questionHistory(*store_, row));
  });
  connect(&panel, &AnnotationPanel::flipRequested, this, [this](const QString& split, const QString& video_id) {
    const std::optional<SplitInfo> info = store_->findSplit(split.toStdString());
    if (!info) return;
    std::int64_t added = 0;
    edit([&](AnnotationSession& s) { added = addFlippedQuestions(*store_, s, info->id, {video_id.toStdString()}); });
    statusBar()->showMessage(tr("%1 mirrored QA pairs added for %2_flip").arg(added).arg(video_id), 8000);
  });
  connect(&panel, &AnnotationPanel::addRequested, this, [this](const QString& split, const NewQuestion& question) {
    const std::optional<SplitInfo> info = store_->findSplit(split.toStdString());
    if (!info) {
      emit errorShown(tr("No split \"%1\" to add the question to.").arg(split));
      return;
    }
    std::int64_t added = 0;
    if (!edit([id = info->id, question, &added](AnnotationSession& s) { added = s.addQuestion(id, question); })) return;
    questions_->selectQuestion(added);  // shown and selected once the rows are read again
    questions_->panel()->confirmAdded(tr("Added to %1: “%2” → %3").arg(split, QString::fromStdString(question.template_text),
                                                                      QString::fromStdString(question.answer)));
  });
}

bool WorkspaceWindow::commit(const std::function<void(AnnotationSession&)>& change) {
  try {
    change(*session_);  // committed before it returns
  } catch (const std::exception& error) {
    emit errorShown(QString::fromUtf8(error.what()));
    return false;
  }
  refreshUndoActions();
  return true;
}

bool WorkspaceWindow::edit(const std::function<void(AnnotationSession&)>& change) {
  if (!commit(change)) return false;
  reload();
  return true;
}

bool WorkspaceWindow::editRow(std::int64_t row, const std::function<void(AnnotationSession&)>& change,
                              const std::function<void(QuestionRow&)>& shown_change) {
  if (!commit(change)) return false;
  if (!model_->changeRow(row, shown_change)) {
    reload();  // a row the table does not hold yet: read them all
    return true;
  }
  questions_->rowEdited(row);
  dashboard_refresh_->start();  // the dashboard follows once the row has repainted
  emit rowEdited(row);
  return true;
}

void WorkspaceWindow::showReadOnlyBanner() {
  const QString reason = QString::fromStdString(store_->readOnlyReason());
  read_only_banner_ = new QLabel(tr("Read-only project (%1): you can browse, filter, evaluate and export; edits are refused. "
                                    "Copy the file to a writable folder to annotate it.")
                                     .arg(reason));
  read_only_banner_->setObjectName(QStringLiteral("readOnlyBanner"));
  read_only_banner_->setWordWrap(true);
  read_only_banner_->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #664d03; padding: 6px; }"));
  auto* page = new QWidget;
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(read_only_banner_);
  layout->addWidget(takeCentralWidget());
  setCentralWidget(page);
  questions_->panel()->setReadOnly(reason);
}

void WorkspaceWindow::reload() { loader_->load(project_path_); }

void WorkspaceWindow::refreshUndoActions() {
  const bool writable = store_->access() == SqliteConnection::Access::ReadWrite;
  undo_->setEnabled(writable && session_->canUndo());
  redo_->setEnabled(writable && session_->canRedo());
  undo_->setText(session_->canUndo() ? tr("Undo %1").arg(QString::fromStdString(session_->undoText())) : tr("Undo"));
  redo_->setText(session_->canRedo() ? tr("Redo %1").arg(QString::fromStdString(session_->redoText())) : tr("Redo"));
}

}  // namespace avqa
