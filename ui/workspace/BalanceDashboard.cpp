#include "BalanceDashboard.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QFileDialog>
#include <QSplitter>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <set>

#include "analysis/TemplateMajorityBaseline.h"
#include "dataset/TemplateCatalog.h"

namespace avqa {
namespace {

QString shownTemplateText(const std::string& template_text) { return QString::fromStdString(readableQuestionText(template_text)); }

QTableWidgetItem* cell(const QString& text, QColor colour = QColor()) {
  auto* item = new QTableWidgetItem(text);
  item->setFlags(item->flags() & ~Qt::ItemIsEditable);
  if (colour.isValid()) item->setForeground(colour);
  return item;
}

}  // namespace


BalanceDashboard::BalanceDashboard(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  split_ = new QComboBox;
  split_->addItem(tr("all splits"), QString());
  summary_ = new QLabel;
  auto* save = new QPushButton(tr("Save chart as PNG…"));
  top->addWidget(split_);
  top->addWidget(summary_, 1);
  top->addWidget(save);
  templates_ = new QTableWidget(0, 6);
  templates_->setHorizontalHeaderLabels({tr("Template"), tr("n"), tr("Dominant"), tr("Share"), tr("Threshold"), tr("Smallest fix")});
  templates_->verticalHeader()->hide();
  templates_->setSelectionBehavior(QAbstractItemView::SelectRows);
  templates_->setSelectionMode(QAbstractItemView::SingleSelection);
  templates_->horizontalHeader()->resizeSection(0, 380);
  templates_->horizontalHeader()->setStretchLastSection(true);
  head_tail_ = new QTableWidget(0, 5);
  head_tail_->setHorizontalHeaderLabels({tr("Group"), tr("Mean count"), tr("Head answers"), tr("Head n"), tr("Tail n")});
  head_tail_->verticalHeader()->hide();
  head_tail_->horizontalHeader()->setStretchLastSection(true);
  chart_view_ = new QChartView;
  chart_view_->setRenderHint(QPainter::Antialiasing);
  chart_view_->setMinimumHeight(260);
  auto* lower = new QSplitter;
  lower->addWidget(chart_view_);
  lower->addWidget(head_tail_);
  lower->setStretchFactor(0, 3);
  lower->setStretchFactor(1, 2);
  auto* vertical = new QSplitter(Qt::Vertical);
  vertical->addWidget(templates_);
  vertical->addWidget(lower);
  layout->addLayout(top);
  layout->addWidget(vertical, 1);

  connect(split_, &QComboBox::currentIndexChanged, this, &BalanceDashboard::recompute);
  connect(templates_, &QTableWidget::currentCellChanged, this, [this](int row) { showTemplate(row); });
  connect(save, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save chart"), QStringLiteral("balance.png"), tr("PNG (*.png)"));
    if (!path.isEmpty()) saveChartPng(path);
  });
}

void BalanceDashboard::setRows(const std::vector<QuestionRow>& rows) {
  rows_ = rows;
  std::set<std::string> splits;
  for (const QuestionRow& row : rows_) splits.insert(row.split);
  const QString current = split_->currentData().toString();
  {
    const QSignalBlocker block(split_);
    split_->clear();
    split_->addItem(tr("all splits"), QString());
    for (const std::string& split : splits) split_->addItem(QString::fromStdString(split), QString::fromStdString(split));
    split_->setCurrentIndex(std::max(0, split_->findData(current)));
  }
  recompute();
}

void BalanceDashboard::setSplit(const QString& split) { split_->setCurrentIndex(std::max(0, split_->findData(split))); }

void BalanceDashboard::recompute() {
  const std::string split = split_->currentData().toString().toStdString();
  std::deque<QaRecord> records;  // the fields the analyses read
  RecordList list;
  for (const QuestionRow& row : rows_) {
    if (!split.empty() && row.split != split) continue;
    QaRecord& record = records.emplace_back();
    record.video_id = row.video_id;
    record.modality = row.modality;
    record.question_type = row.question_type;
    record.question_content = row.template_text;
    record.answer = row.answer;
    list.push_back(&record);
  }
  const TemplateCatalog catalog = TemplateCatalog::musicAvqa();
  suggestions_ = suggestBalanceFixes(list, thresholds_, &catalog);
  std::vector<TemplateBalance> all = analyzeTemplateBalance(list, thresholds_);
  std::map<std::string, const BalanceSuggestion*> fix_of;
  for (const BalanceSuggestion& suggestion : suggestions_) fix_of[suggestion.template_text] = &suggestion;
  balances_.clear();
  for (const BalanceSuggestion& suggestion : suggestions_) {  // broken ones first, worst first
    balances_.push_back(*std::find_if(all.begin(), all.end(), [&](const TemplateBalance& b) { return b.template_text == suggestion.template_text; }));
  }
  std::vector<TemplateBalance> rest;
  for (const TemplateBalance& balance : all) {
    if (!balance.violates) rest.push_back(balance);
  }
  std::stable_sort(rest.begin(), rest.end(), [](const TemplateBalance& a, const TemplateBalance& b) { return a.dominant_share > b.dominant_share; });
  balances_.insert(balances_.end(), rest.begin(), rest.end());
  baseline_percent_ = list.empty() ? 0.0 : TemplateMajorityBaseline(list).accuracyPercent(list);
  summary_->setText(tr("%1 questions · %2 templates, %3 over the threshold (yes/no %4, others %5) · blind baseline %6 %")
                        .arg(list.size())
                        .arg(balances_.size())
                        .arg(suggestions_.size())
                        .arg(thresholds_.binary, 0, 'f', 2)
                        .arg(thresholds_.multi_class, 0, 'f', 2)
                        .arg(baseline_percent_, 0, 'f', 2));

  const QSignalBlocker block(templates_);
  templates_->setRowCount(static_cast<int>(balances_.size()));
  for (int i = 0; i < static_cast<int>(balances_.size()); ++i) {
    const TemplateBalance& balance = balances_[static_cast<std::size_t>(i)];
    const QColor colour = balance.violates ? QColor(200, 50, 50) : QColor();
    const auto fix = fix_of.find(balance.template_text);
    templates_->setItem(i, 0, cell(shownTemplateText(balance.template_text), colour));
    templates_->setItem(i, 1, cell(QString::number(balance.n)));
    templates_->setItem(i, 2, cell(QString::fromStdString(balance.dominant_answer)));
    templates_->setItem(i, 3, cell(QString::number(balance.dominant_share, 'f', 3), colour));
    templates_->setItem(i, 4, cell(QString::number(balance.binary ? thresholds_.binary : thresholds_.multi_class, 'f', 2)));
    templates_->setItem(i, 5, cell(fix != fix_of.end() ? QString::fromStdString(fix->second->describe())
                                   : balance.violates ? tr("no single fix found") : tr("ok")));
  }
  const HeadTailSplit head_tail(list, HeadTailGrouping::ModalityType);
  head_tail_->setRowCount(static_cast<int>(head_tail.groups().size()));
  for (int i = 0; i < static_cast<int>(head_tail.groups().size()); ++i) {
    const HeadTailGroup& group = head_tail.groups()[static_cast<std::size_t>(i)];
    QStringList head;
    for (const std::string& answer : group.head_answers) head << QString::fromStdString(answer);
    head_tail_->setItem(i, 0, cell(QString::fromStdString(group.group)));
    head_tail_->setItem(i, 1, cell(QString::number(group.mean_count, 'f', 1)));
    head_tail_->setItem(i, 2, cell(head.join(QStringLiteral(", "))));
    head_tail_->setItem(i, 3, cell(QString::number(group.head_n)));
    head_tail_->setItem(i, 4, cell(QString::number(group.tail_n)));
  }
  const int shown = std::clamp(templates_->currentRow(), 0, std::max(0, templates_->rowCount() - 1));
  templates_->setCurrentCell(shown, 0);
  showTemplate(shown);
}

void BalanceDashboard::showTemplate(int table_row) {
  auto* chart = new QChart;
  chart->legend()->setAlignment(Qt::AlignBottom);
  if (table_row >= 0 && table_row < static_cast<int>(balances_.size())) {
    const TemplateBalance& balance = balances_[static_cast<std::size_t>(table_row)];
    const double threshold = balance.binary ? thresholds_.binary : thresholds_.multi_class;
    chart->setTitle(shownTemplateText(balance.template_text).toHtmlEscaped());  // the title is rich text: <Object> is no tag
    auto* counts = new QBarSet(tr("QA pairs per answer"));
    QStringList answers;
    double highest = threshold * static_cast<double>(balance.n);
    for (const AnswerCount& answer : balance.answers) {
      *counts << static_cast<double>(answer.count);
      answers << QString::fromStdString(answer.answer);
      highest = std::max(highest, static_cast<double>(answer.count));
    }
    counts->setColor(balance.violates ? QColor(210, 90, 70) : QColor(80, 140, 200));
    auto* bars = new QBarSeries;
    bars->append(counts);
    auto* limit = new QLineSeries;
    limit->setName(tr("threshold: %1 of %2").arg(threshold, 0, 'f', 2).arg(balance.n));
    limit->append(-0.5, threshold * static_cast<double>(balance.n));
    limit->append(static_cast<double>(answers.size()) - 0.5, threshold * static_cast<double>(balance.n));
    limit->setPen(QPen(QColor(40, 40, 40), 2, Qt::DashLine));
    chart->addSeries(bars);
    chart->addSeries(limit);
    auto* x = new QBarCategoryAxis;
    x->append(answers);
    auto* y = new QValueAxis;
    const int top = static_cast<int>(std::ceil(std::max(highest * 1.1, highest + 1.0)));
    y->setRange(0, top);
    if (top <= 10) y->setTickCount(top + 1);  // one tick per QA pair: integer labels
    y->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    bars->attachAxis(x);
    bars->attachAxis(y);
    auto* line_x = new QValueAxis;  // the line spans the bars' category positions
    line_x->setRange(-0.5, static_cast<double>(answers.size()) - 0.5);
    line_x->setVisible(false);
    chart->addAxis(line_x, Qt::AlignBottom);
    limit->attachAxis(line_x);
    limit->attachAxis(y);
  }
  QChart* old = chart_view_->chart();
  chart_view_->setChart(chart);
  delete old;
}

bool BalanceDashboard::saveChartPng(const QString& path) { return chart_view_->grab().save(path, "PNG"); }

}  // namespace avqa
