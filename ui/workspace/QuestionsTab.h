#pragma once

#include "QuestionRowMetaType.h"
#include <QWidget>
#include <unordered_map>

#include "analysis/QuestionFilter.h"

class QLabel;

namespace avqa {

class AnnotationPanel;
class QuestionFilterBar;
class QuestionTableModel;
class QuestionTableView;

// The QA table: every question of the project with its split, type, template, answer, flags
// and note and, for a chosen run, its prediction coloured right or wrong; filters by split,
// type, template, flags, right/wrong and text; sortable. The selected question goes to the
// annotation panel beside it; a double-click opens it in the inspector.
class QuestionsTab : public QWidget {
  Q_OBJECT
 public:
  QuestionsTab(QuestionTableModel& model, QWidget* parent = nullptr);

  void rowsChanged();  // after a reload: filter choices, selection, panel
  void rowEdited(std::int64_t row);  // one row changed in place: the panel shows it again
  void setRuns(const QStringList& runs);
  void setRunAnswers(const QString& run, const std::unordered_map<std::int64_t, std::string>& predictions);
  QString currentSplit() const;
  QuestionTableView* view() const { return view_; }
  QuestionFilterBar* filters() const { return filters_; }
  AnnotationPanel* panel() const { return panel_; }
  void selectShownRow(int view_row);
  // The question of this row is selected once the table shows it (e.g. after adding it).
  void selectQuestion(std::int64_t row) { selected_row_ = row; }

 signals:
  void questionChosen(const avqa::QuestionRow& row);
  void runChosen(const QString& run);

 private:
  void applyFilter();
  void showSelected();

  QuestionTableModel& model_;
  QuestionFilterBar* filters_ = nullptr;
  QuestionTableView* view_ = nullptr;
  QLabel* count_label_ = nullptr;
  AnnotationPanel* panel_ = nullptr;
  std::int64_t selected_row_ = 0;  // the question the panel shows, kept across reloads
};

}  // namespace avqa
