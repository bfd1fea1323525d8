#pragma once

#include <QWidget>
#include <vector>

#include "analysis/AttentionAudit.h"

class QChartView;
class QComboBox;

namespace avqa {

// One audit figure per group (or template) as bars beside its baselines — the model's map,
// uniform attention, a centre-biased map — so a glance tells where the attention beats
// chance. The figure is chosen in a box; the bars' tooltips carry the 95 % interval.
class AttentionChart : public QWidget {
  Q_OBJECT
 public:
  explicit AttentionChart(QWidget* parent = nullptr);

  void setRows(std::vector<AuditRow> rows);
  QComboBox* figureChoice() const { return figure_; }
  // The bars shown, per set ("model", "uniform", "centre"), one value per row (tests read it).
  std::vector<std::vector<double>> shownValues() const { return shown_; }
  QStringList shownCategories() const { return categories_; }

 private:
  void redraw();

  std::vector<AuditRow> rows_;
  QComboBox* figure_ = nullptr;
  QChartView* view_ = nullptr;
  std::vector<std::vector<double>> shown_;
  QStringList categories_;
};

}  // namespace avqa
