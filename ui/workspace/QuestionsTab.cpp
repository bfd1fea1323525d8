#include "QuestionsTab.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <set>

#include "AnnotationPanel.h"
#include "QuestionTableModel.h"
#include "dataset/QaRecord.h"

namespace avqa {
namespace {

void refill(QComboBox* box, const QString& all, const std::set<std::string>& values) {
  const QString current = box->currentData().toString();
  const QSignalBlocker block(box);
  box->clear();
  box->addItem(all, QString());
  for (const std::string& value : values) box->addItem(QString::fromStdString(value).trimmed(), QString::fromStdString(value));
  box->setCurrentIndex(std::max(0, box->findData(current)));
}

}  // namespace

QuestionsTab::QuestionsTab(QuestionTableModel& model, QWidget* parent) : QWidget(parent), model_(model) {
  auto* layout = new QVBoxLayout(this);
  auto* filters = new QHBoxLayout;
  split_ = new QComboBox;
  group_ = new QComboBox;
  template_ = new QComboBox;
  template_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  template_->setMinimumContentsLength(16);
  flagged_ = new QComboBox;
  flagged_->addItems({tr("flagged or not"), tr("flagged"), tr("not flagged")});
  run_ = new QComboBox;
  run_->addItem(tr("no run"), QString());
  correctness_ = new QComboBox;
  correctness_->addItems({tr("any answer"), tr("run right"), tr("run wrong"), tr("answered"), tr("not answered")});
  search_ = new QLineEdit;
  search_->setPlaceholderText(tr("search question, video, answer"));
  search_->setClearButtonEnabled(true);
  for (QWidget* widget : std::initializer_list<QWidget*>{split_, group_, template_, flagged_, run_, correctness_, search_}) {
    filters->addWidget(widget);
  }
  sorted_ = new QSortFilterProxyModel(this);
  sorted_->setSourceModel(&model_);
  view_ = new QTableView;
  view_->setModel(sorted_);
  view_->setSortingEnabled(true);
  view_->sortByColumn(-1, Qt::AscendingOrder);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->verticalHeader()->hide();
  view_->verticalHeader()->setDefaultSectionSize(20);
  view_->hideColumn(QuestionTableModel::Asked);
  const QFontMetrics metrics = view_->fontMetrics();
  view_->horizontalHeader()->resizeSection(QuestionTableModel::Group, metrics.horizontalAdvance(QStringLiteral("Audio-Visual/Comparative")) + 16);
  view_->horizontalHeader()->resizeSection(QuestionTableModel::Question, 420);
  view_->horizontalHeader()->setStretchLastSection(true);
  panel_ = new AnnotationPanel;
  auto* splitter = new QSplitter;
  splitter->addWidget(view_);
  splitter->addWidget(panel_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  count_label_ = new QLabel;
  layout->addLayout(filters);
  layout->addWidget(splitter, 1);
  layout->addWidget(count_label_);

  for (QComboBox* box : {split_, group_, template_, flagged_, correctness_}) {
    connect(box, &QComboBox::currentIndexChanged, this, &QuestionsTab::applyFilter);
  }
  connect(run_, &QComboBox::currentIndexChanged, this, [this] { emit runChosen(currentRun()); });
  connect(search_, &QLineEdit::textChanged, this, &QuestionsTab::applyFilter);
  connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &QuestionsTab::showSelected);
  connect(view_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    const QModelIndex source = sorted_->mapToSource(index);
    if (source.isValid()) emit questionChosen(model_.shownRow(source.row()));
  });
}

QString QuestionsTab::currentSplit() const { return split_->currentData().toString(); }
QString QuestionsTab::currentRun() const { return run_->currentData().toString(); }

void QuestionsTab::setRuns(const QStringList& runs) {
  const QString current = currentRun();
  const QSignalBlocker block(run_);
  run_->clear();
  run_->addItem(tr("no run"), QString());
  for (const QString& run : runs) run_->addItem(tr("run: %1").arg(run), run);
  run_->setCurrentIndex(std::max(0, run_->findData(current)));
}

void QuestionsTab::setRunAnswers(const QString& run, const std::unordered_map<std::int64_t, std::string>& predictions) {
  {
    const QSignalBlocker block(run_);
    run_->setCurrentIndex(std::max(0, run_->findData(run)));
  }
  model_.setRunAnswers(predictions);
  applyFilter();
}

void QuestionsTab::rowsChanged() {
  std::set<std::string> splits, groups, templates, answers;
  for (const QuestionRow& row : model_.allRows()) {
    splits.insert(row.split);
    groups.insert(groupKey(row.modality, row.question_type));
    templates.insert(row.template_text);
    answers.insert(row.answer);
  }
  refill(split_, tr("all splits"), splits);
  refill(group_, tr("all types"), groups);
  refill(template_, tr("all templates"), templates);
  panel_->setVocabulary(answers);
  QStringList split_names;
  for (const std::string& split : splits) split_names << QString::fromStdString(split);
  panel_->setSplits(split_names);
  applyFilter();
}

void QuestionsTab::applyFilter() {
  QuestionFilter filter;
  filter.split = split_->currentData().toString().toStdString();
  filter.group = group_->currentData().toString().toStdString();
  filter.template_text = template_->currentData().toString().toStdString();
  filter.flagged = static_cast<FlagFilter>(flagged_->currentIndex());
  filter.correctness = static_cast<Correctness>(correctness_->currentIndex());
  filter.judged = AnswerSource::Run;
  filter.text = search_->text().toStdString();
  model_.setFilter(filter);
  count_label_->setText(tr("%1 of %2 questions").arg(model_.rowCount()).arg(model_.allRows().size()));
  // Keep the question the annotator was on, when it is still shown.
  for (int i = 0; i < model_.rowCount(); ++i) {
    if (model_.shownRow(i).row == selected_row_) {
      view_->selectRow(sorted_->mapFromSource(model_.index(i, 0)).row());
      showSelected();
      return;
    }
  }
  panel_->clearQuestion();
}

void QuestionsTab::selectShownRow(int view_row) {
  view_->selectRow(view_row);
  showSelected();
}

void QuestionsTab::showSelected() {
  const QModelIndex source = sorted_->mapToSource(view_->currentIndex());
  if (!source.isValid()) return;
  const QuestionRow& row = model_.shownRow(source.row());
  selected_row_ = row.row;
  panel_->showQuestion(row);
}

}  // namespace avqa
