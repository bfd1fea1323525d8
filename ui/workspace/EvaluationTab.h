#pragma once

#include "QuestionRowMetaType.h"
#include <QPointer>
#include <QWidget>
#include <optional>
#include <vector>

#include "analysis/RunComparison.h"
#include "common/CancelToken.h"
#include "storage/RunAnswers.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace avqa {

class BackgroundTask;
class QuestionTableModel;
class TaskList;
struct QuestionRow;

// Runs of models over splits: start one (a model over a split as a background task, with
// progress, cancel, and resume), read its paper table, per-template accuracy and a confusion
// matrix per group; compare two runs (delta table, the questions they disagree on, "A right
// B wrong" filters). Runs imported with `import-predictions` are here too.
class EvaluationTab : public QWidget {
  Q_OBJECT
 public:
  // Runs and reads are tasks of `tasks` (the workspace's); `feature_cache_root`: where encoder
  // features are cached (empty: no cache).
  EvaluationTab(ProjectStore& project, QuestionTableModel& rows, TaskList& tasks, QString feature_cache_root,
                QWidget* parent = nullptr);

  void refreshRuns();
  void rowsChanged();  // answers may have been edited: recompute
  // Read and scored in a thread; runsShown() when the tables show them. run_b empty: no comparison.
  void showRuns(const QString& run_a, const QString& run_b);
  void startRun(const QString& model_path, const QString& split, const QString& run_name);
  void cancelRun();
  bool saveTableCsv(const QString& path);  // "Save as CSV": false, and errorShown, when it cannot be written
  void showDetails(int page);  // 0 per template, 1 confusion matrix, 2 A vs B

  QTableWidget* paperTable() const { return paper_; }
  QTableWidget* templateTable() const { return templates_; }
  QTableWidget* confusionTable() const { return confusion_; }
  QTableWidget* deltaTable() const { return deltas_; }
  QTableWidget* disagreementTable() const { return disagreements_; }
  QComboBox* disagreementFilter() const { return filter_; }
  QComboBox* groupChoice() const { return group_; }
  const std::optional<RunComparison>& comparison() const { return comparison_; }

 signals:
  void runsListed(const QStringList& runs);
  void runsShown();
  void runsChanged();
  void runFinished(const QString& run, const QString& message);
  void questionChosen(const avqa::QuestionRow& row);
  void errorShown(const QString& message);

 private:
  struct ShownRuns {
    std::optional<RunAnswers> a;
    AccuracyTable accuracy;
    std::optional<RunComparison> comparison;
    QString error;
  };
  void present(ShownRuns shown);
  void showConfusion();
  void showDisagreements();

  ProjectStore& project_;
  QuestionTableModel& rows_;
  std::optional<RunAnswers> answers_a_;
  std::optional<RunComparison> comparison_;
  QComboBox* run_a_ = nullptr;
  QComboBox* run_b_ = nullptr;
  QLabel* provenance_ = nullptr;
  QTableWidget* paper_ = nullptr;
  QTableWidget* templates_ = nullptr;
  QComboBox* group_ = nullptr;
  QTabWidget* details_ = nullptr;
  QTableWidget* confusion_ = nullptr;
  QTableWidget* deltas_ = nullptr;
  QComboBox* filter_ = nullptr;
  QTableWidget* disagreements_ = nullptr;
  QLineEdit* model_path_ = nullptr;
  QComboBox* run_split_ = nullptr;
  QLineEdit* run_name_ = nullptr;
  QPushButton* start_ = nullptr;
  QPushButton* cancel_button_ = nullptr;
  QProgressBar* progress_ = nullptr;
  TaskList& tasks_;
  QString feature_cache_root_;
  QPointer<BackgroundTask> run_task_;
  int generation_ = 0;
};

}  // namespace avqa
