#include "QuestionTableView.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace avqa {

QuestionTableView::QuestionTableView(QuestionTableModel& model, QWidget* parent) : QTableView(parent), model_(model) {
  sorted_ = new QSortFilterProxyModel(this);
  sorted_->setSourceModel(&model_);
  setModel(sorted_);
  setSortingEnabled(true);
  sortByColumn(-1, Qt::AscendingOrder);  // file order until a header is clicked
  setSelectionBehavior(QAbstractItemView::SelectRows);
  setSelectionMode(QAbstractItemView::SingleSelection);
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  verticalHeader()->hide();
  verticalHeader()->setDefaultSectionSize(20);
  const QFontMetrics metrics = fontMetrics();
  const auto width_of = [&metrics](const char* text) { return metrics.horizontalAdvance(QString::fromLatin1(text)) + 16; };
  horizontalHeader()->resizeSection(QuestionTableModel::Video, width_of("00000000_flip"));
  horizontalHeader()->resizeSection(QuestionTableModel::Split, width_of("test_balance"));
  horizontalHeader()->resizeSection(QuestionTableModel::Group, width_of("Audio-Visual/Comparative"));
  // The question takes what is left, so every answer column stays readable without
  // scrolling sideways; answers get the width of the longest answer name.
  for (int column : {QuestionTableModel::Answer, QuestionTableModel::Asked, QuestionTableModel::Run}) {
    horizontalHeader()->resizeSection(column, width_of("acoustic_guitar"));
  }
  horizontalHeader()->resizeSection(QuestionTableModel::Flags, width_of("wrong answer"));
  horizontalHeader()->resizeSection(QuestionTableModel::Note, width_of("a short note here"));
  horizontalHeader()->setSectionResizeMode(QuestionTableModel::Question, QHeaderView::Stretch);
  horizontalHeader()->setStretchLastSection(false);
  connect(this, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    if (const QuestionRow* row = rowAt(index.row())) emit questionActivated(*row);
  });
}

const QuestionRow* QuestionTableView::rowAt(int view_row) const {
  const QModelIndex source = sorted_->mapToSource(sorted_->index(view_row, 0));
  return source.isValid() ? &model_.shownRow(source.row()) : nullptr;
}

int QuestionTableView::viewRowOf(std::int64_t question_row) const {
  for (int i = 0; i < model_.rowCount(); ++i) {
    if (model_.shownRow(i).row == question_row) return sorted_->mapFromSource(model_.index(i, 0)).row();
  }
  return -1;
}

}  // namespace avqa
