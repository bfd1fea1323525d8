#pragma once

#include "QuestionRowMetaType.h"
#include <QTableView>

#include "QuestionTableModel.h"

class QSortFilterProxyModel;

namespace avqa {

// A sortable, row-selecting view of a QuestionTableModel (file order until a header is
// clicked), column widths from the font (ResizeToContents would measure every row).
class QuestionTableView : public QTableView {
  Q_OBJECT
 public:
  explicit QuestionTableView(QuestionTableModel& model, QWidget* parent = nullptr);

  // The question shown in view row `view_row` (after sorting); null when there is none.
  const QuestionRow* rowAt(int view_row) const;
  const QuestionRow* currentQuestion() const { return rowAt(currentIndex().row()); }
  int viewRowOf(std::int64_t question_row) const;  // -1 when not shown

 signals:
  void questionActivated(const avqa::QuestionRow& row);  // double-click

 private:
  QuestionTableModel& model_;
  QSortFilterProxyModel* sorted_ = nullptr;
};

}  // namespace avqa
