#include "QuestionTableModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QStringList>
#include <algorithm>

#include "dataset/QaRecord.h"
#include "dataset/TemplateCatalog.h"

namespace avqa {

QString flagText(int flags) {
  QStringList names;
  if (flags & kFlagAmbiguous) names << QObject::tr("ambiguous");
  if (flags & kFlagWrongAnswer) names << QObject::tr("wrong answer");
  if (flags & kFlagNeedsReview) names << QObject::tr("needs review");
  return names.join(QStringLiteral(", "));
}

QuestionTableModel::QuestionTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void QuestionTableModel::setRows(std::vector<QuestionRow> rows) {
  beginResetModel();
  rows_ = std::move(rows);
  shown_ = filterRows(rows_, filter_);
  index_of_key_.clear();
  index_of_key_.reserve(rows_.size());
  for (std::size_t i = 0; i < rows_.size(); ++i) index_of_key_.emplace(rows_[i].row, i);
  endResetModel();
}

const QuestionRow* QuestionTableModel::rowByKey(std::int64_t row_key) const {
  const auto found = index_of_key_.find(row_key);
  return found == index_of_key_.end() ? nullptr : &rows_[found->second];
}

bool QuestionTableModel::changeRow(std::int64_t row_key, const std::function<void(QuestionRow&)>& change) {
  const auto found = index_of_key_.find(row_key);
  if (found == index_of_key_.end()) return false;
  change(rows_[found->second]);
  // shown_ is ascending (filterRows keeps file order): the view row by binary search.
  const auto shown = std::lower_bound(shown_.begin(), shown_.end(), found->second);
  if (shown != shown_.end() && *shown == found->second) {
    const int view_row = static_cast<int>(shown - shown_.begin());
    emit dataChanged(index(view_row, 0), index(view_row, ColumnCount - 1));
  }
  return true;
}

void QuestionTableModel::setRunAnswers(const std::unordered_map<std::int64_t, std::string>& predictions) {
  beginResetModel();
  avqa::setRunAnswers(rows_, predictions);
  shown_ = filterRows(rows_, filter_);
  endResetModel();
}

void QuestionTableModel::setFilter(const QuestionFilter& filter) {
  beginResetModel();
  filter_ = filter;
  shown_ = filterRows(rows_, filter_);
  endResetModel();
}

void QuestionTableModel::setAskedAnswer(const std::string& video_id, const std::string& question, const std::string& answer) {
  for (std::size_t i = 0; i < shown_.size(); ++i) {
    QuestionRow& row = rows_[shown_[i]];
    if (row.video_id == video_id && row.question == question) {
      row.asked_answer = answer;
      emit dataChanged(index(static_cast<int>(i), Asked), index(static_cast<int>(i), Asked));
    }
  }
  for (QuestionRow& row : rows_) {  // hidden rows too, for when the filter changes
    if (row.video_id == video_id && row.question == question) row.asked_answer = answer;
  }
}

int QuestionTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(shown_.size());
}

int QuestionTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant QuestionTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= static_cast<int>(shown_.size())) return {};
  const QuestionRow& row = shownRow(index.row());
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case Video: return QString::fromStdString(row.video_id);
      case Split: return QString::fromStdString(row.split);
      case Group: return QString::fromStdString(groupKey(row.modality, row.question_type));
      case Question: return QString::fromStdString(readableQuestionText(row.question));
      case Answer: return QString::fromStdString(row.answer);
      case Asked: return QString::fromStdString(row.asked_answer);
      case Run: return QString::fromStdString(row.run_answer);
      case Flags: return flagText(row.flags);
      case Note: return QString::fromStdString(row.note);
      default: return {};
    }
  }
  if (role == Qt::ForegroundRole && index.column() == Asked && !row.asked_answer.empty()) {
    return QBrush(row.asked_answer == row.answer ? QColor(40, 140, 60) : QColor(200, 50, 50));
  }
  if (role == Qt::ForegroundRole && index.column() == Run && !row.run_answer.empty()) {
    return QBrush(row.run_answer == row.answer ? QColor(40, 140, 60) : QColor(200, 50, 50));
  }
  if (role == Qt::FontRole && index.column() == Question && row.free_text) {
    QFont italic;
    italic.setItalic(true);  // written by hand, not from a template
    return italic;
  }
  if (role == Qt::ForegroundRole && index.column() == Video && row.video_path.empty()) {
    return QBrush(QColor(150, 150, 150));  // no folder of the project holds this video
  }
  if (role == Qt::ToolTipRole && index.column() == Video) {
    return row.video_path.empty() ? tr("Video not found in the project's folders (File > Add videos)")
                                  : QString::fromStdString(row.video_path);
  }
  return {};
}

QVariant QuestionTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Video: return tr("Video");
    case Split: return tr("Split");
    case Group: return tr("Type");
    case Question: return tr("Question");
    case Answer: return tr("Answer");
    case Asked: return tr("Asked");
    case Run: return tr("Run");
    case Flags: return tr("Flags");
    case Note: return tr("Note");
    default: return {};
  }
}

}  // namespace avqa
