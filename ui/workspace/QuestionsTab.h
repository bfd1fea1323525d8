#pragma once

#include <QWidget>

#include "analysis/QuestionFilter.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace avqa {

class AnnotationPanel;
class ProjectStore;
class QuestionTableModel;

// The QA table: every question of the project with its split, type, template, answer, flags
// and note and, for a chosen run, its prediction coloured right or wrong; filters by split,
// type, template, flags, right/wrong and text; sortable. The selected question goes to the
// annotation panel beside it; a double-click opens it in the inspector.
class QuestionsTab : public QWidget {
  Q_OBJECT
 public:
  QuestionsTab(QuestionTableModel& model, QWidget* parent = nullptr);

  void rowsChanged();  // after a reload: filter choices, selection, panel
  void setRuns(const QStringList& runs);
  void setRunAnswers(const QString& run, const std::unordered_map<std::int64_t, std::string>& predictions);
  QString currentSplit() const;
  QString currentRun() const;
  QTableView* view() const { return view_; }
  AnnotationPanel* panel() const { return panel_; }
  QComboBox* splitFilter() const { return split_; }
  QComboBox* flagFilter() const { return flagged_; }
  QComboBox* correctnessFilter() const { return correctness_; }
  QLineEdit* search() const { return search_; }
  void selectShownRow(int view_row);

 signals:
  void questionChosen(const avqa::QuestionRow& row);
  void runChosen(const QString& run);

 private:
  void applyFilter();
  void showSelected();

  QuestionTableModel& model_;
  QSortFilterProxyModel* sorted_ = nullptr;
  QTableView* view_ = nullptr;
  QComboBox* split_ = nullptr;
  QComboBox* group_ = nullptr;
  QComboBox* template_ = nullptr;
  QComboBox* flagged_ = nullptr;
  QComboBox* run_ = nullptr;
  QComboBox* correctness_ = nullptr;
  QLineEdit* search_ = nullptr;
  QLabel* count_label_ = nullptr;
  AnnotationPanel* panel_ = nullptr;
  std::int64_t selected_row_ = 0;  // the question the panel shows, kept across reloads
};

}  // namespace avqa
