#pragma once

#include "QuestionRowMetaType.h"
#include <QWidget>
#include <memory>

#include "RunAudit.h"

class QComboBox;
class QLabel;
class QTableWidget;

namespace avqa {

class AttentionChart;
class QuestionTableModel;
class TaskList;

// Whether a run's attention is right: per group or template the figures of `audit` beside
// uniform and centre-biased attention (time on the evidence, pointing ± 95 % interval,
// energy in box, cIoU AUC), and the lists to look at first — right answers with the
// attention off the evidence, wrong ones with it on — sortable by any column; a
// double-click opens the question in the main window. Audits run as background tasks.
class AttentionTab : public QWidget {
  Q_OBJECT
 public:
  AttentionTab(const std::string& project_path, QuestionTableModel& rows, TaskList& tasks, QWidget* parent = nullptr);

  void setRuns(const QStringList& runs);
  void audit(const QString& run);  // audited() when the tables show it
  QTableWidget* summaryTable() const { return summary_; }
  QTableWidget* listTable() const { return list_; }
  AttentionChart* chart() const { return chart_; }
  QComboBox* listChoice() const { return list_choice_; }
  QComboBox* groupingChoice() const { return grouping_; }
  const RunAudit* shownAudit() const { return audit_.get(); }

 signals:
  void audited();
  void questionChosen(const avqa::QuestionRow& row);
  void errorShown(const QString& message);

 private:
  void present();

  std::string project_path_;
  QuestionTableModel& rows_;
  TaskList& tasks_;
  std::shared_ptr<const RunAudit> audit_;
  int generation_ = 0;
  QComboBox* run_ = nullptr;
  QComboBox* grouping_ = nullptr;
  QComboBox* list_choice_ = nullptr;
  QLabel* status_ = nullptr;
  QTableWidget* summary_ = nullptr;
  QTableWidget* list_ = nullptr;
  AttentionChart* chart_ = nullptr;
};

}  // namespace avqa
