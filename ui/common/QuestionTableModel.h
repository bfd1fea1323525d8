#pragma once

#include "QuestionRowMetaType.h"
#include <QAbstractTableModel>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "analysis/QuestionFilter.h"
#include "storage/QuestionRows.h"

namespace avqa {

QString flagText(int flags);  // "ambiguous, needs review"

// The project's questions as a table for Qt views: all rows kept, the filter picks which
// show (a pass over plain structs, fast for tens of thousands of rows).
class QuestionTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Video, Split, Group, Question, Answer, Asked, Run, Flags, Note, ColumnCount };

  explicit QuestionTableModel(QObject* parent = nullptr);

  void setRows(std::vector<QuestionRow> rows);
  void setRunAnswers(const std::unordered_map<std::int64_t, std::string>& predictions);  // the Run column
  void setFilter(const QuestionFilter& filter);
  const QuestionFilter& filter() const { return filter_; }
  const std::vector<QuestionRow>& allRows() const { return rows_; }
  const QuestionRow& shownRow(int index) const { return rows_[shown_[static_cast<std::size_t>(index)]]; }
  // After an ask in the inspector: the rows of that question on that video show its answer.
  void setAskedAnswer(const std::string& video_id, const std::string& question, const std::string& answer);
  // One question changed by a committed edit: `change` applies it to the kept row and only
  // that row repaints (an edit on 50,000 questions reads nothing back). False when no row
  // has that key. The filter is not applied again: the edited row stays where it is.
  bool changeRow(std::int64_t row_key, const std::function<void(QuestionRow&)>& change);
  const QuestionRow* rowByKey(std::int64_t row_key) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  std::vector<QuestionRow> rows_;
  std::vector<std::size_t> shown_;
  std::unordered_map<std::int64_t, std::size_t> index_of_key_;  // row key -> index in rows_
  QuestionFilter filter_;
};

}  // namespace avqa
