#pragma once

#include <QWidget>
#include <vector>

#include "analysis/BalanceSuggestion.h"
#include "analysis/HeadTailSplit.h"
#include "storage/QuestionRows.h"

class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QTableWidget;

namespace avqa {

// The balance dashboard (Qt Charts): per template the answer distribution with its
// threshold line, templates that break it listed first with the smallest fix, head/tail per
// group and the blind-baseline figure. setRows() recomputes; the workspace calls it after
// every edit, so it follows the annotators live.
class BalanceDashboard : public QWidget {
  Q_OBJECT
 public:
  explicit BalanceDashboard(QWidget* parent = nullptr);

  void setRows(const std::vector<QuestionRow>& rows);
  void setSplit(const QString& split);  // empty: every split
  void showTemplate(int table_row);
  bool saveChartPng(const QString& path);

  const std::vector<TemplateBalance>& balances() const { return balances_; }
  const std::vector<BalanceSuggestion>& suggestions() const { return suggestions_; }
  double blindBaselinePercent() const { return baseline_percent_; }
  QTableWidget* templateTable() const { return templates_; }
  QChartView* chartView() const { return chart_view_; }

 private:
  void recompute();

  std::vector<QuestionRow> rows_;
  std::vector<TemplateBalance> balances_;  // in the table's order: broken ones first
  std::vector<BalanceSuggestion> suggestions_;
  double baseline_percent_ = 0.0;
  BalanceThresholds thresholds_;
  QComboBox* split_ = nullptr;
  QLabel* summary_ = nullptr;
  QTableWidget* templates_ = nullptr;
  QTableWidget* head_tail_ = nullptr;
  QChartView* chart_view_ = nullptr;
};

}  // namespace avqa
