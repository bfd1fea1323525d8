#include "QuestionsTab.h"

#include <QItemSelectionModel>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>
#include <set>

#include "AnnotationPanel.h"
#include "QuestionFilterBar.h"
#include "QuestionTableModel.h"
#include "QuestionTableView.h"

namespace avqa {

QuestionsTab::QuestionsTab(QuestionTableModel& model, QWidget* parent) : QWidget(parent), model_(model) {
  auto* layout = new QVBoxLayout(this);
  filters_ = new QuestionFilterBar(FilterBarKind::RunAnswers);
  view_ = new QuestionTableView(model_);
  view_->hideColumn(QuestionTableModel::Asked);
  panel_ = new AnnotationPanel;
  auto* splitter = new QSplitter;
  splitter->addWidget(view_);
  splitter->addWidget(panel_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  count_label_ = new QLabel;
  layout->addWidget(filters_);
  layout->addWidget(splitter, 1);
  layout->addWidget(count_label_);

  connect(filters_, &QuestionFilterBar::changed, this, &QuestionsTab::applyFilter);
  connect(filters_, &QuestionFilterBar::runChosen, this, &QuestionsTab::runChosen);
  connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &QuestionsTab::showSelected);
  connect(view_, &QuestionTableView::questionActivated, this, &QuestionsTab::questionChosen);
}

QString QuestionsTab::currentSplit() const { return filters_->split(); }

void QuestionsTab::setRuns(const QStringList& runs) { filters_->setRuns(runs); }

void QuestionsTab::setRunAnswers(const QString& run, const std::unordered_map<std::int64_t, std::string>& predictions) {
  filters_->selectRun(run);
  model_.setRunAnswers(predictions);
  applyFilter();
}

void QuestionsTab::rowsChanged() {
  filters_->fillChoices(model_.allRows());
  std::set<std::string> splits, answers;
  for (const QuestionRow& row : model_.allRows()) {
    splits.insert(row.split);
    answers.insert(row.answer);
  }
  panel_->setVocabulary(answers);
  QStringList split_names;
  for (const std::string& split : splits) split_names << QString::fromStdString(split);
  panel_->setSplits(split_names);
  applyFilter();
}

void QuestionsTab::rowEdited(std::int64_t row) {
  if (row != selected_row_) return;
  if (const QuestionRow* edited = model_.rowByKey(row)) panel_->showQuestion(*edited);
}

void QuestionsTab::applyFilter() {
  model_.setFilter(filters_->filter());
  count_label_->setText(tr("%1 of %2 questions").arg(model_.rowCount()).arg(model_.allRows().size()));
  // Keep the question the annotator was on, when it is still shown.
  const int view_row = view_->viewRowOf(selected_row_);
  if (view_row >= 0) {
    selectShownRow(view_row);
  } else {
    panel_->clearQuestion();
  }
}

void QuestionsTab::selectShownRow(int view_row) {
  view_->selectRow(view_row);
  showSelected();
}

void QuestionsTab::showSelected() {
  const QuestionRow* row = view_->currentQuestion();
  if (!row) return;
  selected_row_ = row->row;
  panel_->showQuestion(*row);
}

}  // namespace avqa
