#pragma once

#include "QuestionRowMetaType.h"
#include "InspectorSession.h"
#include <QDockWidget>

#include "QuestionRowsLoader.h"
#include "QuestionTableModel.h"

class QLabel;

namespace avqa {

class ProjectChangeWatcher;
class QuestionFilterBar;
class TaskList;
class QuestionTableView;

// The project's videos and questions beside the inspector: the stored answer and, once
// asked, the model's; filters by split, type, template, correct/wrong and text. The project
// is read in a thread of its own; double-clicking a question loads its video and question.
class DatasetDock : public QDockWidget {
  Q_OBJECT
 public:
  explicit DatasetDock(TaskList& tasks, QWidget* parent = nullptr);  // reads its rows as tasks of `tasks`

  void loadProject(const QString& project_path);
  QuestionTableModel* model() const { return model_; }
  QuestionTableView* view() const { return view_; }
  void setSplitFilter(const QString& split);
  void setCorrectnessFilter(Correctness correctness);
  void chooseShownRow(int view_row);  // what a double-click does
  // The project's question on `video_path` that reads `question` (typed or picked), with its
  // answer and evidence; `mirrored`: the X_flip question on X's file.
  // The slot values the project's questions about this video use, most used first.
  std::vector<std::string> slotValuesFor(const QString& video_path) const;
  std::optional<DatasetTruth> truthFor(const QString& video_path, const QString& question, bool mirrored) const;

 signals:
  void loaded(int questions);
  void questionChosen(const avqa::QuestionRow& row);
  void failed(const QString& message);

 private:
  void applyFilter();

  QuestionTableModel* model_ = nullptr;
  QuestionFilterBar* filters_ = nullptr;
  QuestionTableView* view_ = nullptr;
  QLabel* count_label_ = nullptr;
  QuestionRowsLoader* loader_ = nullptr;
  ProjectChangeWatcher* watcher_ = nullptr;
  QString project_path_;
};

}  // namespace avqa

