#pragma once

#include "QuestionRowMetaType.h"
#include <QWidget>
#include <functional>
#include <set>
#include <string>

#include "annotation/AnnotationSession.h"
#include "storage/QuestionRows.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace avqa {

class QuestionBox;

// Edits one question: its answer (completed from the answer vocabulary; a new answer needs
// confirmation), flags, note, removal; and adds new QA pairs from a template with slot
// pickers, or as free text (marked as such). It only asks: the workspace applies each edit
// through the annotation session.
class AnnotationPanel : public QWidget {
  Q_OBJECT
 public:
  explicit AnnotationPanel(QWidget* parent = nullptr);

  void showQuestion(const QuestionRow& row);
  void showHistory(const std::vector<HistoryEntry>& history);
  void clearQuestion();
  void confirmAdded(const QString& message);  // the form empties, a line says what was added
  void setVocabulary(const std::set<std::string>& project_answers);  // plus the dataset's answers
  void setSplits(const QStringList& splits);
  // A read-only project: every control that edits is disabled, its tooltip says why; the
  // question and its history stay readable.
  void setReadOnly(const QString& reason);
  // Asked before a new answer is stored; the default asks with a message box.
  void setConfirmNewAnswer(std::function<bool(const QString&)> confirm) { confirm_new_answer_ = std::move(confirm); }

  QComboBox* answerBox() const { return answer_; }
  QPushButton* applyAnswerButton() const { return apply_answer_; }
  QCheckBox* flagBox(int flag) const;
  QLineEdit* noteEdit() const { return note_; }
  QPushButton* removeButton() const { return remove_; }
  QPushButton* flipButton() const { return flip_; }
  QuestionBox* newQuestion() const { return new_question_; }
  QLineEdit* newVideo() const { return new_video_; }
  QComboBox* newAnswer() const { return new_answer_; }
  QPushButton* addButton() const { return add_; }
  QListWidget* historyList() const { return history_; }

 signals:
  void answerRequested(qint64 row, const QString& answer);
  void flagsRequested(qint64 row, int flags);
  void noteRequested(qint64 row, const QString& note);
  void removeRequested(qint64 row);
  void addRequested(const QString& split, const avqa::NewQuestion& question);
  void flipRequested(const QString& split, const QString& video_id);
  void questionShown(qint64 row);  // the workspace answers with showHistory()

 private:
  bool knownOrConfirmed(const QString& answer);
  void requestAdd();

  std::int64_t row_ = 0;
  std::set<QString> vocabulary_;
  std::function<bool(const QString&)> confirm_new_answer_;
  QLabel* title_ = nullptr;
  QComboBox* answer_ = nullptr;
  QPushButton* apply_answer_ = nullptr;
  QCheckBox* ambiguous_ = nullptr;
  QCheckBox* wrong_answer_ = nullptr;
  QCheckBox* needs_review_ = nullptr;
  QLineEdit* note_ = nullptr;
  QPushButton* remove_ = nullptr;
  QPushButton* flip_ = nullptr;
  QListWidget* history_ = nullptr;
  QString split_;
  QString video_id_;
  QString read_only_reason_;  // empty: the project is writable
  QComboBox* new_split_ = nullptr;
  QLineEdit* new_video_ = nullptr;
  QuestionBox* new_question_ = nullptr;
  QComboBox* new_type_ = nullptr;  // for free text: modality/type
  QComboBox* new_answer_ = nullptr;
  QPushButton* add_ = nullptr;
};

}  // namespace avqa
