#pragma once

#include <QDialog>
#include <QString>
#include <cstdint>
#include <string>

class QLabel;
class QTableWidget;

namespace avqa {

class TaskList;

// Blind annotation in the window: one of a split's two blind annotators answers its
// questions seeing only the question and the video name — never the stored answer nor the
// other annotator's (the rest of the workspace shows stored answers, so this is a window of
// its own). Each answer is stored as it is typed, as a task with its own connection; the
// stored answer and export do not change.
class BlindAnnotationDialog : public QDialog {
  Q_OBJECT
 public:
  BlindAnnotationDialog(const std::string& project_path, const QString& split, const QString& annotator, TaskList& tasks,
                        QWidget* parent = nullptr);

  void answer(std::int64_t row, const QString& answer);  // what editing a cell leads to (tests call it)
  QTableWidget* table() const { return table_; }
  QLabel* status() const { return status_; }

 signals:
  void loaded();
  void answerStored(qint64 row);
  void errorShown(const QString& message);

 private:
  void load();
  void showProgress();

  std::string project_path_;
  QString split_;
  QString annotator_;
  TaskList& tasks_;
  QTableWidget* table_ = nullptr;
  QLabel* status_ = nullptr;
  bool filling_ = false;
};

}  // namespace avqa
