#include "AttentionChart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QVBoxLayout>
#include <QValueAxis>

#include "dataset/TemplateCatalog.h"

namespace avqa {
namespace {

// The figures drawn, with the names of their baselines in AuditRow (empty: none).
struct ChartedFigure {
  const char* title;
  const char* model;
  const char* uniform;
  const char* centre;
};

constexpr ChartedFigure kFigures[] = {
    {"sound-guided pointing", "sound.pointing", "sound.pointing_uniform", "sound.pointing_centre"},
    {"question-guided pointing", "question.pointing", "question.pointing_uniform", "question.pointing_centre"},
    {"sound-guided energy in box", "sound.energy", "sound.energy_uniform", "sound.energy_centre"},
    {"question-guided energy in box", "question.energy", "question.energy_uniform", "question.energy_centre"},
    {"time on the evidence", "temporal_mass", "temporal_mass_uniform", ""},
};

}  // namespace

AttentionChart::AttentionChart(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* top = new QHBoxLayout;
  figure_ = new QComboBox;
  for (const ChartedFigure& figure : kFigures) figure_->addItem(tr(figure.title));
  top->addWidget(new QLabel(tr("Chart")));
  top->addWidget(figure_, 1);
  view_ = new QChartView;
  view_->setRenderHint(QPainter::Antialiasing);
  view_->setMinimumHeight(220);
  layout->addLayout(top);
  layout->addWidget(view_, 1);
  connect(figure_, &QComboBox::currentIndexChanged, this, &AttentionChart::redraw);
  redraw();
}

void AttentionChart::setRows(std::vector<AuditRow> rows) {
  rows_ = std::move(rows);
  redraw();
}

void AttentionChart::redraw() {
  const ChartedFigure& figure = kFigures[std::max(0, figure_->currentIndex())];
  auto* chart = new QChart;
  chart->setTitle(tr("%1 per %2, beside its baselines").arg(tr(figure.title), rows_.size() > 12 ? tr("template") : tr("group")));
  auto* series = new QHorizontalBarSeries;
  shown_.assign(3, {});
  categories_.clear();
  const char* names[] = {figure.model, figure.uniform, figure.centre};
  const QString labels[] = {tr("the model"), tr("uniform attention"), tr("centre-biased map")};
  std::vector<QBarSet*> sets;
  for (int set = 0; set < 3; ++set) {
    if (*names[set] == '\0') continue;
    sets.push_back(new QBarSet(labels[set]));
  }
  for (const AuditRow& row : rows_) {
    const auto model = row.figures.find(figure.model);
    if (model == row.figures.end() || model->second.n == 0) continue;
    categories_ << QString::fromStdString(readableQuestionText(row.name));
    for (int set = 0, shown_set = 0; set < 3; ++set) {
      if (*names[set] == '\0') continue;
      const auto found = row.figures.find(names[set]);
      const double value = found == row.figures.end() ? 0.0 : found->second.mean;
      sets[static_cast<std::size_t>(shown_set++)]->append(value);
      shown_[static_cast<std::size_t>(set)].push_back(value);
    }
  }
  for (QBarSet* set : sets) series->append(set);
  connect(series, &QHorizontalBarSeries::hovered, this, [this, figure](bool on, int index, QBarSet* set) {
    if (!on || index < 0) return view_->setToolTip(QString());
    int shown = 0;
    for (const AuditRow& row : rows_) {
      const auto model = row.figures.find(figure.model);
      if (model == row.figures.end() || model->second.n == 0) continue;
      if (shown++ == index) {
        view_->setToolTip(tr("%1 — %2: %3 (the model: %4 ± %5, n = %6)")
                              .arg(QString::fromStdString(readableQuestionText(row.name)), set->label())
                              .arg(set->at(index), 0, 'f', 3)
                              .arg(model->second.mean, 0, 'f', 3)
                              .arg(model->second.ci95, 0, 'f', 3)
                              .arg(model->second.n));
      }
    }
  });
  chart->addSeries(series);
  auto* groups = new QBarCategoryAxis;
  groups->append(categories_);
  auto* values = new QValueAxis;
  values->setRange(0.0, 1.0);
  values->setTickCount(6);  // 0, 0.2, ... 1: labels that read true
  values->setLabelFormat(QStringLiteral("%.1f"));
  chart->addAxis(groups, Qt::AlignLeft);
  chart->addAxis(values, Qt::AlignBottom);
  series->attachAxis(groups);
  series->attachAxis(values);
  chart->legend()->setAlignment(Qt::AlignBottom);
  QChart* old = view_->chart();
  view_->setChart(chart);
  delete old;
}

}  // namespace avqa
