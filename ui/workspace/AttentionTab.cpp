#include "AttentionTab.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "AttentionChart.h"
#include "QuestionTableModel.h"
#include "TaskList.h"
#include "TextTableWidget.h"
#include "reports/AuditReport.h"

namespace avqa {

AttentionTab::AttentionTab(const std::string& project_path, QuestionTableModel& rows, TaskList& tasks, QWidget* parent)
    : QWidget(parent), project_path_(project_path), rows_(rows), tasks_(tasks) {
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  run_ = new QComboBox;
  grouping_ = new QComboBox;
  grouping_->addItems({tr("per group"), tr("per template")});
  list_choice_ = new QComboBox;
  list_choice_->addItems({tr("right answer, attention off the evidence"), tr("wrong answer, attention on the evidence"),
                          tr("every question with figures"), tr("sound map ignores the sound (audit --perturb)")});
  top->addWidget(new QLabel(tr("Run")));
  top->addWidget(run_, 1);
  top->addWidget(grouping_);
  top->addWidget(new QLabel(tr("List")));
  top->addWidget(list_choice_, 1);
  status_ = new QLabel;
  status_->setWordWrap(true);
  summary_ = newTextTable();
  list_ = newTextTable();
  list_->setSortingEnabled(true);
  chart_ = new AttentionChart;
  auto* split = new QSplitter(Qt::Vertical);
  auto* figures = new QSplitter(Qt::Horizontal);
  figures->addWidget(summary_);
  figures->addWidget(chart_);
  figures->setSizes({800, 440});  // the table's columns first; the chart reads at a third
  split->addWidget(figures);
  split->addWidget(list_);
  layout->addLayout(top);
  layout->addWidget(status_);
  layout->addWidget(split, 1);
  status_->setText(tr("Choose a run of a model: its stored maps are checked against the project's evidence "
                      "(groundtruth.json beside the video folders)."));
  connect(run_, &QComboBox::currentTextChanged, this, &AttentionTab::audit);
  connect(grouping_, &QComboBox::currentIndexChanged, this, &AttentionTab::present);
  connect(list_choice_, &QComboBox::currentIndexChanged, this, &AttentionTab::present);
  connect(list_, &QTableWidget::cellDoubleClicked, this, [this](int row) {
    const QTableWidgetItem* item = list_->item(row, 0);
    if (!item) return;
    const qint64 question_row = item->text().toLongLong();
    for (const QuestionRow& candidate : rows_.allRows()) {
      if (candidate.row == question_row) emit questionChosen(candidate);
    }
  });
}

void AttentionTab::setRuns(const QStringList& runs) {
  const QString current = run_->currentText();
  const QSignalBlocker block(run_);
  run_->clear();
  run_->addItems(runs);
  if (runs.contains(current)) run_->setCurrentText(current);
  const QString shown = run_->currentText();
  if (!shown.isEmpty() && (!audit_ || audit_->run.name != shown.toStdString())) audit(shown);
}

void AttentionTab::audit(const QString& run) {
  if (run.isEmpty()) return;
  const int generation = ++generation_;
  auto result = std::make_shared<RunAudit>();
  BackgroundTask* task = tasks_.start(tr("Auditing %1").arg(run), [result, path = project_path_, name = run.toStdString()](TaskContext&) {
    ProjectStore store(path, DbConnection::OpenMode::MustExist);  // this thread's own connection
    *result = auditRun(store, name);
    return QVariant();
  });
  connect(task, &BackgroundTask::finished, this, [this, task, generation, result] {
    if (generation != generation_) return;  // a newer run was chosen since
    if (task->state() == BackgroundTask::State::Failed) {
      emit errorShown(task->error());
      return;
    }
    audit_ = result;
    present();
    emit audited();
  });
}

void AttentionTab::present() {
  if (!audit_) return;
  const RunAudit& audit = *audit_;
  status_->setText(tr("Run %1 on split %2: %3 questions, %4 with attention figures, %5 without stored maps, %6 without evidence.")
                       .arg(QString::fromStdString(audit.run.name), QString::fromStdString(audit.split))
                       .arg(audit.questions.size())
                       .arg(audit.with_figures)
                       .arg(audit.without_maps)
                       .arg(audit.without_evidence) +
                   (audit.with_figures == 0 ? tr(" A run of imported predictions, or one stored before maps were kept, has no maps: "
                                                 "run the model again.")
                                            : QString()));
  std::vector<AuditRow> rows =
      summariseAudit(audit.questions, grouping_->currentIndex() == 0 ? AuditGrouping::Groups : AuditGrouping::Templates);
  fillTable(summary_, auditTable(rows));
  chart_->setRows(std::move(rows));
  const AuditList list = list_choice_->currentIndex() == 0   ? AuditList::RightWrongPlace
                         : list_choice_->currentIndex() == 1 ? AuditList::WrongRightPlace
                         : list_choice_->currentIndex() == 2 ? AuditList::All
                                                             : AuditList::SoundIgnored;
  list_->setSortingEnabled(false);
  fillTable(list_, auditListTable(auditList(audit.questions, list)));
  list_->setSortingEnabled(true);
}

}  // namespace avqa
