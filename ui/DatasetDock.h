#pragma once

#include <QDockWidget>

#include "QuestionRowsLoader.h"
#include "QuestionTableModel.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace avqa {

// The project's videos and questions beside the inspector: the stored answer and, once
// asked, the model's; filters by split, type, template, correct/wrong and text. The project
// is read in a thread of its own; double-clicking a question loads its video and question.
class DatasetDock : public QDockWidget {
  Q_OBJECT
 public:
  explicit DatasetDock(QWidget* parent = nullptr);

  void loadProject(const QString& project_path);
  QuestionTableModel* model() const { return model_; }
  QTableView* view() const { return view_; }
  void setSplitFilter(const QString& split);
  void setCorrectnessFilter(Correctness correctness);
  void chooseShownRow(int view_row);  // what a double-click does

 signals:
  void loaded(int questions);
  void questionChosen(const avqa::QuestionRow& row);
  void failed(const QString& message);

 private:
  void applyFilter();
  void fillFilterChoices();

  QuestionTableModel* model_ = nullptr;
  QSortFilterProxyModel* sorted_ = nullptr;
  QTableView* view_ = nullptr;
  QComboBox* split_ = nullptr;
  QComboBox* group_ = nullptr;
  QComboBox* template_ = nullptr;
  QComboBox* correctness_ = nullptr;
  QLineEdit* search_ = nullptr;
  QLabel* count_label_ = nullptr;
  QuestionRowsLoader* loader_ = nullptr;
};

}  // namespace avqa

Q_DECLARE_METATYPE(avqa::QuestionRow)
