#include "QuestionFilterBar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <set>

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

QuestionFilterBar::QuestionFilterBar(FilterBarKind kind, QWidget* parent) : QWidget(parent), kind_(kind) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  split_ = new QComboBox;
  group_ = new QComboBox;
  template_ = new QComboBox;
  template_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  template_->setMinimumContentsLength(14);
  correctness_ = new QComboBox;
  search_ = new QLineEdit;
  search_->setPlaceholderText(tr("search question, video, answer"));
  search_->setClearButtonEnabled(true);
  std::vector<QWidget*> widgets = {split_, group_, template_};
  if (kind_ == FilterBarKind::RunAnswers) {
    flagged_ = new QComboBox;
    flagged_->addItems({tr("flagged or not"), tr("flagged"), tr("not flagged")});
    run_ = new QComboBox;
    run_->addItem(tr("no run"), QString());
    correctness_->addItems({tr("any answer"), tr("run right"), tr("run wrong"), tr("answered"), tr("not answered")});
    widgets.insert(widgets.end(), {flagged_, run_});
    connect(flagged_, &QComboBox::currentIndexChanged, this, &QuestionFilterBar::changed);
    connect(run_, &QComboBox::currentIndexChanged, this, [this] { emit runChosen(run()); });
  } else {
    correctness_->addItems({tr("all answers"), tr("model right"), tr("model wrong"), tr("asked"), tr("not asked")});
  }
  widgets.insert(widgets.end(), {correctness_, search_});
  for (QWidget* widget : widgets) layout->addWidget(widget);
  for (QComboBox* box : {split_, group_, template_, correctness_}) connect(box, &QComboBox::currentIndexChanged, this, &QuestionFilterBar::changed);
  connect(search_, &QLineEdit::textChanged, this, &QuestionFilterBar::changed);
}

void QuestionFilterBar::fillChoices(const std::vector<QuestionRow>& rows) {
  std::set<std::string> splits, groups, templates;
  for (const QuestionRow& row : rows) {
    splits.insert(row.split);
    groups.insert(groupKey(row.modality, row.question_type));
    templates.insert(row.template_text);
  }
  refill(split_, tr("all splits"), splits);
  refill(group_, tr("all types"), groups);
  refill(template_, tr("all templates"), templates);
}

QuestionFilter QuestionFilterBar::filter() const {
  QuestionFilter filter;
  filter.split = split_->currentData().toString().toStdString();
  filter.group = group_->currentData().toString().toStdString();
  filter.template_text = template_->currentData().toString().toStdString();
  filter.correctness = static_cast<Correctness>(correctness_->currentIndex());
  filter.text = search_->text().toStdString();
  if (kind_ == FilterBarKind::RunAnswers) {
    filter.flagged = static_cast<FlagFilter>(flagged_->currentIndex());
    filter.judged = AnswerSource::Run;
  }
  return filter;
}

QString QuestionFilterBar::split() const { return split_->currentData().toString(); }

void QuestionFilterBar::setSplit(const QString& split) {
  const int index = split_->findData(split);
  if (index >= 0) split_->setCurrentIndex(index);
}

void QuestionFilterBar::setCorrectness(Correctness correctness) { correctness_->setCurrentIndex(static_cast<int>(correctness)); }

void QuestionFilterBar::setFlagFilter(FlagFilter flagged) {
  if (flagged_) flagged_->setCurrentIndex(static_cast<int>(flagged));
}

void QuestionFilterBar::setRuns(const QStringList& runs) {
  if (!run_) return;
  const QString current = run();
  const QSignalBlocker block(run_);
  run_->clear();
  run_->addItem(tr("no run"), QString());
  for (const QString& name : runs) run_->addItem(tr("run: %1").arg(name), name);
  run_->setCurrentIndex(std::max(0, run_->findData(current)));
}

QString QuestionFilterBar::run() const { return run_ ? run_->currentData().toString() : QString(); }

void QuestionFilterBar::selectRun(const QString& name) {
  if (!run_) return;
  const QSignalBlocker block(run_);
  run_->setCurrentIndex(std::max(0, run_->findData(name)));
}

}  // namespace avqa
