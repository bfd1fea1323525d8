#pragma once

#include <QStringList>
#include <QWidget>
#include <vector>

#include "analysis/QuestionFilter.h"

class QComboBox;
class QLineEdit;

namespace avqa {

// Which model answer a bar judges right or wrong: the inspector's asks (the dataset dock),
// or a chosen run's predictions with flag filters too (the workspace's QA table).
enum class FilterBarKind { InspectorAnswers, RunAnswers };

// The row of filters above a question table: split, type, template, (flags, run,)
// right/wrong, text. Its choices come from the rows; current choices survive a refill.
class QuestionFilterBar : public QWidget {
  Q_OBJECT
 public:
  explicit QuestionFilterBar(FilterBarKind kind, QWidget* parent = nullptr);

  void fillChoices(const std::vector<QuestionRow>& rows);
  QuestionFilter filter() const;
  QString split() const;
  void setSplit(const QString& split);
  void setCorrectness(Correctness correctness);
  void setFlagFilter(FlagFilter flagged);
  void setRuns(const QStringList& runs);  // RunAnswers bars only
  QString run() const;
  void selectRun(const QString& run);  // without emitting runChosen

 signals:
  void changed();
  void runChosen(const QString& run);

 private:
  FilterBarKind kind_;
  QComboBox* split_ = nullptr;
  QComboBox* group_ = nullptr;
  QComboBox* template_ = nullptr;
  QComboBox* flagged_ = nullptr;  // RunAnswers bars only
  QComboBox* run_ = nullptr;      // RunAnswers bars only
  QComboBox* correctness_ = nullptr;
  QLineEdit* search_ = nullptr;
};

}  // namespace avqa
