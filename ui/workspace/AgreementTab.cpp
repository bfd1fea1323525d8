#include "AgreementTab.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "TaskList.h"
#include "TextTableWidget.h"
#include "reports/AgreementTables.h"
#include "storage/BlindAnswerStore.h"

namespace avqa {

AgreementTab::AgreementTab(const std::string& project_path, TaskList& tasks, QWidget* parent)
    : QWidget(parent), project_path_(project_path), tasks_(tasks) {
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  split_ = new QComboBox;
  auto* recompute = new QPushButton(tr("Compute again"));
  top->addWidget(new QLabel(tr("Split")));
  top->addWidget(split_, 1);
  top->addWidget(recompute);
  status_ = new QLabel(tr("No split has blind annotators yet: give one to two annotators with "
                          "`avqa-lens blind-assign PROJECT --split S --annotators A,B`; they answer with `annotate --blind`."));
  status_->setWordWrap(true);
  figures_ = newTextTable();
  list_ = newTextTable();
  list_->setSelectionBehavior(QAbstractItemView::SelectRows);
  list_->setSelectionMode(QAbstractItemView::SingleSelection);
  auto* adjudication = new QWidget;
  auto* adjudication_layout = new QVBoxLayout(adjudication);
  adjudication_layout->setContentsMargins(0, 0, 0, 0);
  auto* buttons = new QHBoxLayout;
  take_first_ = new QPushButton(tr("Store the first annotator's answer"));
  take_second_ = new QPushButton(tr("Store the second annotator's answer"));
  buttons->addWidget(new QLabel(tr("Disagreements to adjudicate:")), 1);
  buttons->addWidget(take_first_);
  buttons->addWidget(take_second_);
  adjudication_layout->addLayout(buttons);
  adjudication_layout->addWidget(list_, 1);
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(figures_);
  split->addWidget(adjudication);
  layout->addLayout(top);
  layout->addWidget(status_);
  layout->addWidget(split, 1);
  connect(split_, &QComboBox::currentTextChanged, this, &AgreementTab::compute);
  connect(recompute, &QPushButton::clicked, this, [this] { compute(split_->currentText()); });
  connect(take_first_, &QPushButton::clicked, this, [this] { adjudicate(list_->currentRow(), 0); });
  connect(take_second_, &QPushButton::clicked, this, [this] { adjudicate(list_->currentRow(), 1); });
}

void AgreementTab::refresh() { compute(split_->currentText()); }

void AgreementTab::compute(const QString& split) {
  const int generation = ++generation_;
  auto result = std::make_shared<Result>();
  BackgroundTask* task = tasks_.start(tr("Agreement of the blind annotators"),
                                      [result, path = project_path_, wanted = split.toStdString()](TaskContext&) {
    ProjectStore store(path, DbConnection::OpenMode::MustExist);  // this thread's own connection
    BlindAnswerStore blind(store);
    std::optional<SplitInfo> chosen;
    for (const SplitInfo& info : store.splits()) {
      if (blind.annotators(info.id).empty()) continue;
      result->splits.append(QString::fromStdString(info.name));
      if (!chosen || info.name == wanted) chosen = info;
    }
    if (!chosen) return QVariant();
    result->split = QString::fromStdString(chosen->name);
    result->annotators = blind.annotators(chosen->id);
    result->report = annotatorAgreement(blind.pairs(chosen->id));
    return QVariant();
  });
  connect(task, &BackgroundTask::finished, this, [this, task, generation, result] {
    if (generation != generation_) return;  // a newer computation was asked for since
    if (task->state() == BackgroundTask::State::Failed) {
      emit errorShown(task->error());
      return;
    }
    shown_ = result;
    present(*result);
    emit computed();
  });
}

void AgreementTab::present(const Result& result) {
  {
    const QSignalBlocker block(split_);
    split_->clear();
    split_->addItems(result.splits);
    split_->setCurrentText(result.split);
  }
  const bool any = !result.split.isEmpty();
  take_first_->setEnabled(any);
  take_second_->setEnabled(any);
  if (!any) {
    fillTable(figures_, TextTable{});
    fillTable(list_, TextTable{});
    return;
  }
  const std::string first = result.annotators.size() > 0 ? result.annotators[0] : "";
  const std::string second = result.annotators.size() > 1 ? result.annotators[1] : "";
  const AgreementFigures& overall = result.report.overall;
  status_->setText(tr("Split %1, blind annotators %2 and %3: %4 questions answered by both, %5 % agreement, %6 disagreement(s). "
                      "Neither saw the stored answer nor the other's.")
                       .arg(result.split, QString::fromStdString(first), QString::fromStdString(second))
                       .arg(overall.questions)
                       .arg(QString::fromStdString(percentText(overall.agreement_percent)))
                       .arg(result.report.disagreements.size()));
  take_first_->setText(tr("Store %1's answer").arg(QString::fromStdString(first)));
  take_second_->setText(tr("Store %1's answer").arg(QString::fromStdString(second)));
  fillTable(figures_, avqa::agreementTable(result.report));
  fillTable(list_, avqa::disagreementTable(result.report, first, second));
}

void AgreementTab::adjudicate(int list_row, int annotator) {
  if (!shown_ || list_row < 0 || list_row >= static_cast<int>(shown_->report.disagreements.size())) {
    emit errorShown(tr("Choose a disagreement in the list first."));
    return;
  }
  const BlindPair& pair = shown_->report.disagreements[static_cast<std::size_t>(list_row)];
  emit adjudicationRequested(pair.row, QString::fromStdString(annotator == 0 ? pair.first_answer : pair.second_answer));
}

}  // namespace avqa
