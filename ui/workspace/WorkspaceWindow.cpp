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
#include "AgreementTab.h"
#include "BlindAnnotationDialog.h"
#include "AttentionTab.h"
#include "BalanceDashboard.h"
#include "EvaluationTab.h"
#include "QuestionTableModel.h"
#include "QuestionsTab.h"
#include "TaskList.h"
#include "TaskStatusWidget.h"
#include "UiSettings.h"
#include "WorkspaceSession.h"
#include "common/OutputFile.h"
#include "storage/PgConnection.h"

namespace avqa {

WorkspaceWindow::WorkspaceWindow(const QString& project_path, const QString& feature_cache_root, QWidget* parent,
                                 UiSettings* settings, DbConnection::OpenMode open_mode)
    : QMainWindow(parent) {
  const bool on_server = isServerUrl(project_path.toStdString());
  setWindowTitle(tr("%1 — curation and evaluation — AVQA Lens").arg(on_server ? project_path : QFileInfo(project_path).fileName()));
  tasks_ = new TaskList(this);
  session_ = new WorkspaceSession(project_path, *tasks_, settings ? settings->annotatorName() : QString(), open_mode, this);
  QuestionTableModel& rows = session_->rows();
  tabs_ = new QTabWidget(this);
  questions_ = new QuestionsTab(rows);
  dashboard_ = new BalanceDashboard;
  statusBar()->addPermanentWidget(new TaskStatusWidget(*tasks_, this));
  evaluation_ = new EvaluationTab(session_->project(), rows, *tasks_, feature_cache_root);
  tabs_->addTab(questions_, tr("Questions"));
  tabs_->addTab(dashboard_, tr("Balance"));
  tabs_->addTab(evaluation_, tr("Evaluation"));
  attention_ = new AttentionTab(project_path.toStdString(), rows, *tasks_);
  tabs_->addTab(attention_, tr("Attention"));
  agreement_ = new AgreementTab(project_path.toStdString(), *tasks_);
  tabs_->addTab(agreement_, tr("Agreement"));
  setCentralWidget(tabs_);
  if (session_->isReadOnly()) showReadOnlyBanner();
  resize(1280, 820);
  buildMenus(settings);

  connect(session_, &WorkspaceSession::rowsReloaded, this, [this] {
    questions_->rowsChanged();
    dashboard_->setRows(session_->rows().allRows());
    evaluation_->rowsChanged();
    emit rowsReloaded();
  });
  // Several edits in a row recompute the dashboard once (26 ms at 50,000 questions), after
  // the edited row has repainted.
  dashboard_refresh_ = new QTimer(this);
  dashboard_refresh_->setSingleShot(true);
  dashboard_refresh_->setInterval(50);
  connect(dashboard_refresh_, &QTimer::timeout, this, [this] { dashboard_->setRows(session_->rows().allRows()); });
  connect(session_, &WorkspaceSession::rowEdited, this, [this](qint64 row) {
    questions_->rowEdited(row);
    dashboard_refresh_->start();
    emit rowEdited(row);
  });
  connect(session_, &WorkspaceSession::undoStateChanged, this, &WorkspaceWindow::refreshUndoActions);
  connect(session_, &WorkspaceSession::errorShown, this, &WorkspaceWindow::errorShown);
  connect(this, &WorkspaceWindow::errorShown, this, [this](const QString& message) { statusBar()->showMessage(message, 8000); });
  connect(session_, &WorkspaceSession::changedElsewhere, this, [this](int edits) {
    statusBar()->showMessage(tr("%n edit(s) made elsewhere: the questions are read again", nullptr, edits), 5000);
  });
  connect(questions_, &QuestionsTab::questionChosen, this, &WorkspaceWindow::questionChosen);
  connect(evaluation_, &EvaluationTab::questionChosen, this, &WorkspaceWindow::questionChosen);
  connect(evaluation_, &EvaluationTab::errorShown, this, &WorkspaceWindow::errorShown);
  connect(evaluation_, &EvaluationTab::runsChanged, session_, &WorkspaceSession::reload);
  connect(evaluation_, &EvaluationTab::runsListed, questions_, &QuestionsTab::setRuns);
  connect(evaluation_, &EvaluationTab::runsListed, attention_, &AttentionTab::setRuns);
  connect(attention_, &AttentionTab::questionChosen, this, &WorkspaceWindow::questionChosen);
  connect(attention_, &AttentionTab::errorShown, this, &WorkspaceWindow::errorShown);
  connect(questions_, &QuestionsTab::runChosen, this, [this](const QString& run) {
    ProjectStore& store = session_->project();
    const std::optional<RunInfo> info = store.findRun(run.toStdString());
    questions_->setRunAnswers(run, info ? store.predictions(info->id) : std::unordered_map<std::int64_t, std::string>{});
  });
  connect(agreement_, &AgreementTab::errorShown, this, &WorkspaceWindow::errorShown);
  connect(agreement_, &AgreementTab::adjudicationRequested, this, [this](qint64 row, const QString& answer) {
    if (session_->setAnswer(row, answer)) agreement_->refresh();
  });
  connect(tabs_, &QTabWidget::currentChanged, this, [this](int index) {
    if (tabs_->widget(index) == agreement_) agreement_->refresh();  // blind answers come from other annotators' sessions
  });
  connectPanel(*questions_->panel());
  evaluation_->refreshRuns();
  session_->reload();
}

WorkspaceWindow::~WorkspaceWindow() { tasks_->cancelAll(); }

const QString& WorkspaceWindow::projectPath() const { return session_->projectPath(); }
QuestionTableModel* WorkspaceWindow::model() const { return &session_->rows(); }
void WorkspaceWindow::reload() { session_->reload(); }

BlindAnnotationDialog* WorkspaceWindow::openBlindAnnotation(const QString& split) {
  auto* dialog = new BlindAnnotationDialog(session_->projectPath().toStdString(), split,
                                           QString::fromStdString(session_->annotatorName()), *tasks_, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &BlindAnnotationDialog::errorShown, this, &WorkspaceWindow::errorShown);
  connect(dialog, &BlindAnnotationDialog::answerStored, agreement_, &AgreementTab::refresh);
  dialog->show();
  return dialog;
}

void WorkspaceWindow::buildMenus(UiSettings* settings) {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("Export split as MUSIC-AVQA JSON…"), this, [this] {
    const QString split = questions_->currentSplit();
    const std::optional<SplitInfo> info = session_->project().findSplit(split.toStdString());
    if (!info) {
      emit errorShown(tr("Choose one split in the split filter first."));
      return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export split"), QStringLiteral("avqa-%1.json").arg(split));
    if (path.isEmpty()) return;
    try {
      writeFileAtomically(path.toStdString(), session_->project().exportSplit(info->id));
    } catch (const std::exception& error) {  // a full disk, a folder without write access
      emit errorShown(QString::fromUtf8(error.what()));
    }
  });
  QMenu* edit_menu = menuBar()->addMenu(tr("&Edit"));
  undo_ = edit_menu->addAction(tr("Undo"), QKeySequence::Undo, session_, &WorkspaceSession::undo);
  redo_ = edit_menu->addAction(tr("Redo"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), session_, &WorkspaceSession::redo);
  refreshUndoActions();
  edit_menu->addAction(tr("Blind annotation of this split…"), this, [this] {
    if (questions_->currentSplit().isEmpty()) {
      emit errorShown(tr("Choose one split in the split filter first."));
      return;
    }
    openBlindAnnotation(questions_->currentSplit());
  });
  edit_menu->addSeparator();
  // Asked once, kept in the settings: the name every edit is signed with.
  edit_menu->addAction(tr("Annotator name…"), this, [this, settings] {
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Annotator name"), tr("Your edits are signed with:"), QLineEdit::Normal,
                                               session_->annotator(), &ok).trimmed();
    if (!ok || name.isEmpty()) return;
    session_->setAnnotator(name);
    if (settings) settings->setAnnotatorName(name);
    statusBar()->showMessage(tr("Edits are signed as %1").arg(name), 8000);
  });
}

void WorkspaceWindow::connectPanel(AnnotationPanel& panel) {
  connect(&panel, &AnnotationPanel::answerRequested, session_, &WorkspaceSession::setAnswer);
  connect(&panel, &AnnotationPanel::flagsRequested, session_, &WorkspaceSession::setFlags);
  connect(&panel, &AnnotationPanel::noteRequested, session_, &WorkspaceSession::setNote);
  connect(&panel, &AnnotationPanel::removeRequested, session_, &WorkspaceSession::remove);
  connect(&panel, &AnnotationPanel::questionShown, this, [this, &panel](qint64 row) { panel.showHistory(session_->history(row)); });
  connect(&panel, &AnnotationPanel::flipRequested, this, [this](const QString& split, const QString& video_id) {
    if (const std::optional<std::int64_t> added = session_->flipVideo(split, video_id)) {
      statusBar()->showMessage(tr("%1 mirrored QA pairs added for %2_flip").arg(*added).arg(video_id), 8000);
    }
  });
  connect(&panel, &AnnotationPanel::addRequested, this, [this](const QString& split, const NewQuestion& question) {
    const std::optional<std::int64_t> added = session_->addQuestion(split, question);
    if (!added) return;
    questions_->selectQuestion(*added);  // shown and selected once the rows are read again
    questions_->panel()->confirmAdded(tr("Added to %1: “%2” → %3").arg(split, QString::fromStdString(question.template_text),
                                                                      QString::fromStdString(question.answer)));
  });
}

void WorkspaceWindow::showReadOnlyBanner() {
  const QString reason = session_->readOnlyReason();
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

void WorkspaceWindow::refreshUndoActions() {
  undo_->setEnabled(session_->canUndo());
  redo_->setEnabled(session_->canRedo());
  undo_->setText(session_->undoText());
  redo_->setText(session_->redoText());
}

}  // namespace avqa
