#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace avqa {

class TaskList;

// The status bar's view of the running tasks: "Importing questions… 40 %" (and "+2 more"),
// with a Cancel button for all of them. Hidden while nothing runs.
class TaskStatusWidget : public QWidget {
  Q_OBJECT
 public:
  explicit TaskStatusWidget(TaskList& tasks, QWidget* parent = nullptr);
  QString text() const;

 private:
  void refresh();

  TaskList& tasks_;
  QLabel* label_ = nullptr;
  QPushButton* cancel_ = nullptr;
};

}  // namespace avqa
