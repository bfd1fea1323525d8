#include "DatasetDock.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>
#include <set>

#include "dataset/QaRecord.h"

namespace avqa {

DatasetDock::DatasetDock(QWidget* parent) : QDockWidget(tr("Dataset"), parent) {
  qRegisterMetaType<avqa::QuestionRow>();
  setObjectName(QStringLiteral("dataset-dock"));  // for saveState()
  auto* body = new QWidget;
  auto* layout = new QVBoxLayout(body);
  auto* filters = new QHBoxLayout;
  split_ = new QComboBox;
  group_ = new QComboBox;
  template_ = new QComboBox;
  template_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  template_->setMinimumContentsLength(14);
  correctness_ = new QComboBox;
  correctness_->addItems({tr("all answers"), tr("model right"), tr("model wrong"), tr("asked"), tr("not asked")});
  search_ = new QLineEdit;
  search_->setPlaceholderText(tr("search"));
  search_->setClearButtonEnabled(true);
  for (QWidget* widget : std::initializer_list<QWidget*>{split_, group_, template_, correctness_, search_}) filters->addWidget(widget);
  model_ = new QuestionTableModel(this);
  sorted_ = new QSortFilterProxyModel(this);
  sorted_->setSourceModel(model_);
  view_ = new QTableView;
  view_->setModel(sorted_);
  view_->setSortingEnabled(true);
  view_->sortByColumn(-1, Qt::AscendingOrder);  // file order until a header is clicked
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->verticalHeader()->hide();
  view_->verticalHeader()->setDefaultSectionSize(20);
  // Widths from the font, not ResizeToContents: that measures every row (slow with 50k).
  const QFontMetrics metrics = view_->fontMetrics();
  const auto width_of = [&metrics](const char* text) { return metrics.horizontalAdvance(QString::fromLatin1(text)) + 16; };
  view_->horizontalHeader()->resizeSection(QuestionTableModel::Video, width_of("00000000_flip"));
  view_->horizontalHeader()->resizeSection(QuestionTableModel::Split, width_of("test_balance"));
  view_->horizontalHeader()->resizeSection(QuestionTableModel::Group, width_of("Audio-Visual/Comparative"));
  view_->horizontalHeader()->setSectionResizeMode(QuestionTableModel::Question, QHeaderView::Stretch);
  for (int column : {QuestionTableModel::Run, QuestionTableModel::Flags, QuestionTableModel::Note}) view_->hideColumn(column);
  count_label_ = new QLabel(tr("no project"));
  layout->addLayout(filters);
  layout->addWidget(view_, 1);
  layout->addWidget(count_label_);
  setWidget(body);

  for (QComboBox* box : {split_, group_, template_, correctness_}) {
    connect(box, &QComboBox::currentIndexChanged, this, &DatasetDock::applyFilter);
  }
  connect(search_, &QLineEdit::textChanged, this, &DatasetDock::applyFilter);
  loader_ = new QuestionRowsLoader(this);
  connect(loader_, &QuestionRowsLoader::loaded, this, [this](const QuestionRowsLoader::Rows& rows) {
    model_->setRows(std::move(*rows));
    fillFilterChoices();
    applyFilter();
    emit loaded(static_cast<int>(model_->allRows().size()));
  });
  connect(loader_, &QuestionRowsLoader::failed, this, [this](const QString& message) {
    count_label_->setText(message);
    emit failed(message);
  });
  connect(view_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) { chooseShownRow(index.row()); });
}

void DatasetDock::loadProject(const QString& project_path) {
  count_label_->setText(tr("reading %1…").arg(project_path));
  loader_->load(project_path);
}

void DatasetDock::fillFilterChoices() {
  std::set<std::string> splits, groups, templates;
  for (const QuestionRow& row : model_->allRows()) {
    splits.insert(row.split);
    groups.insert(groupKey(row.modality, row.question_type));
    templates.insert(row.template_text);
  }
  const auto fill = [](QComboBox* box, const QString& all, const std::set<std::string>& values) {
    const QSignalBlocker block(box);
    box->clear();
    box->addItem(all, QString());
    for (const std::string& value : values) box->addItem(QString::fromStdString(value).trimmed(), QString::fromStdString(value));
  };
  fill(split_, tr("all splits"), splits);
  fill(group_, tr("all types"), groups);
  fill(template_, tr("all templates"), templates);
}

void DatasetDock::setSplitFilter(const QString& split) {
  const int index = split_->findData(split);
  if (index >= 0) split_->setCurrentIndex(index);
}

void DatasetDock::setCorrectnessFilter(Correctness correctness) { correctness_->setCurrentIndex(static_cast<int>(correctness)); }

void DatasetDock::applyFilter() {
  QuestionFilter filter;
  filter.split = split_->currentData().toString().toStdString();
  filter.group = group_->currentData().toString().toStdString();
  filter.template_text = template_->currentData().toString().toStdString();
  filter.correctness = static_cast<Correctness>(correctness_->currentIndex());
  filter.text = search_->text().toStdString();
  model_->setFilter(filter);
  count_label_->setText(tr("%1 of %2 questions").arg(model_->rowCount()).arg(model_->allRows().size()));
}

void DatasetDock::chooseShownRow(int view_row) {
  const QModelIndex source = sorted_->mapToSource(sorted_->index(view_row, 0));
  if (!source.isValid()) return;
  emit questionChosen(model_->shownRow(source.row()));
}

}  // namespace avqa
