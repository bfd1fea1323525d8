#pragma once

#include <QStringList>
#include <QWidget>
#include <memory>
#include <string>

#include "analysis/AnnotatorAgreement.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace avqa {

class TaskList;

// Double annotation in the workspace: for a split given to two blind annotators
// (`avqa-lens blind-assign`), % agreement and Cohen's kappa per template and overall, and the
// adjudication list of the questions they answered differently. Adjudicating stores one of
// the two answers as the question's answer (adjudicationRequested: an ordinary, signed edit
// of the session). Computed as a background task with its own connection.
class AgreementTab : public QWidget {
  Q_OBJECT
 public:
  AgreementTab(const std::string& project_path, TaskList& tasks, QWidget* parent = nullptr);

  void refresh();  // lists the splits with blind annotators and computes the chosen one
  void compute(const QString& split);
  // Stores the chosen disagreement's answer of the first (0) or second (1) annotator.
  void adjudicate(int list_row, int annotator);
  QComboBox* splitChoice() const { return split_; }
  QTableWidget* agreementTable() const { return figures_; }
  QTableWidget* disagreementTable() const { return list_; }
  QLabel* status() const { return status_; }

 signals:
  void computed();
  void adjudicationRequested(qint64 row, const QString& answer);
  void errorShown(const QString& message);

 private:
  struct Result {
    QStringList splits;  // with blind annotators
    QString split;
    std::vector<std::string> annotators;
    AgreementReport report;
  };
  void present(const Result& result);

  std::string project_path_;
  TaskList& tasks_;
  std::shared_ptr<const Result> shown_;
  int generation_ = 0;
  QComboBox* split_ = nullptr;
  QLabel* status_ = nullptr;
  QTableWidget* figures_ = nullptr;
  QTableWidget* list_ = nullptr;
  QPushButton* take_first_ = nullptr;
  QPushButton* take_second_ = nullptr;
};

}  // namespace avqa
