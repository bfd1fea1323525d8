#include "AnnotationPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include "QuestionBox.h"
#include "dataset/QaRecord.h"
#include "dataset/TemplateCatalog.h"

namespace avqa {
namespace {

QComboBox* answerCombo() {
  auto* box = new QComboBox;
  box->setEditable(true);
  box->setInsertPolicy(QComboBox::NoInsert);
  box->completer()->setCompletionMode(QCompleter::PopupCompletion);
  box->completer()->setFilterMode(Qt::MatchContains);
  return box;
}

}  // namespace

AnnotationPanel::AnnotationPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  title_ = new QLabel(tr("No question selected"));
  title_->setWordWrap(true);
  auto* edit = new QGroupBox(tr("Selected question"));
  auto* form = new QFormLayout(edit);
  answer_ = answerCombo();
  apply_answer_ = new QPushButton(tr("Set answer"));
  ambiguous_ = new QCheckBox(tr("ambiguous"));
  wrong_answer_ = new QCheckBox(tr("wrong answer"));
  needs_review_ = new QCheckBox(tr("needs review"));
  note_ = new QLineEdit;
  note_->setPlaceholderText(tr("note (Return saves)"));
  remove_ = new QPushButton(tr("Remove question"));
  flip_ = new QPushButton(tr("Add mirrored QA pairs of this video"));
  flip_->setToolTip(tr("For every question of the video whose values or answer hold a side: the same question "
                       "on VIDEO_flip with left and right swapped (the video plays mirrored)"));
  form->addRow(tr("Answer"), answer_);
  form->addRow(QString(), apply_answer_);
  form->addRow(tr("Flags"), ambiguous_);
  form->addRow(QString(), wrong_answer_);
  form->addRow(QString(), needs_review_);
  form->addRow(tr("Note"), note_);
  form->addRow(QString(), remove_);
  form->addRow(QString(), flip_);
  history_ = new QListWidget;
  history_->setMaximumHeight(110);
  form->addRow(tr("History"), history_);

  auto* add_box = new QGroupBox(tr("New QA pair"));
  auto* add_form = new QFormLayout(add_box);
  new_split_ = new QComboBox;
  new_video_ = new QLineEdit;
  new_video_->setPlaceholderText(tr("video id"));
  new_question_ = new QuestionBox;
  new_type_ = new QComboBox;
  const TemplateCatalog catalog = TemplateCatalog::musicAvqa();
  for (const QuestionTemplate& question_template : catalog.templates()) {
    const QString group = QString::fromStdString(groupKey(question_template.modality, question_template.question_type));
    if (new_type_->findText(group) < 0) new_type_->addItem(group);
  }
  new_type_->setToolTip(tr("Type of a free-text question (a template brings its own)"));
  new_answer_ = answerCombo();
  add_ = new QPushButton(tr("Add QA pair"));
  add_form->addRow(tr("Split"), new_split_);
  add_form->addRow(tr("Video"), new_video_);
  add_form->addRow(tr("Question"), new_question_);
  add_form->addRow(tr("Free-text type"), new_type_);
  add_form->addRow(tr("Answer"), new_answer_);
  add_form->addRow(QString(), add_);
  layout->addWidget(title_);
  layout->addWidget(edit);
  layout->addWidget(add_box);
  layout->addStretch(1);
  clearQuestion();

  confirm_new_answer_ = [this](const QString& answer) {
    return QMessageBox::question(this, tr("New answer"),
                                 tr("\"%1\" is not in the answer vocabulary. Add it as a new answer?").arg(answer)) ==
           QMessageBox::Yes;
  };
  connect(apply_answer_, &QPushButton::clicked, this, [this] {
    const QString answer = answer_->currentText().trimmed();
    if (row_ > 0 && !answer.isEmpty() && knownOrConfirmed(answer)) emit answerRequested(row_, answer);
  });
  const auto flags_changed = [this] {
    if (row_ <= 0) return;
    emit flagsRequested(row_, (ambiguous_->isChecked() ? kFlagAmbiguous : 0) | (wrong_answer_->isChecked() ? kFlagWrongAnswer : 0) |
                                  (needs_review_->isChecked() ? kFlagNeedsReview : 0));
  };
  for (QCheckBox* box : {ambiguous_, wrong_answer_, needs_review_}) connect(box, &QCheckBox::clicked, this, flags_changed);
  connect(note_, &QLineEdit::returnPressed, this, [this] {
    if (row_ > 0) emit noteRequested(row_, note_->text());
  });
  connect(remove_, &QPushButton::clicked, this, [this] {
    if (row_ > 0) emit removeRequested(row_);
  });
  connect(add_, &QPushButton::clicked, this, &AnnotationPanel::requestAdd);
  connect(flip_, &QPushButton::clicked, this, [this] {
    if (row_ > 0) emit flipRequested(split_, video_id_);
  });
}

QCheckBox* AnnotationPanel::flagBox(int flag) const {
  return flag == kFlagAmbiguous ? ambiguous_ : flag == kFlagWrongAnswer ? wrong_answer_ : needs_review_;
}

bool AnnotationPanel::knownOrConfirmed(const QString& answer) {
  return vocabulary_.count(answer) > 0 || (confirm_new_answer_ && confirm_new_answer_(answer));
}

void AnnotationPanel::setVocabulary(const std::set<std::string>& project_answers) {
  vocabulary_.clear();
  for (const std::string& answer : project_answers) {
    if (!answer.empty()) vocabulary_.insert(QString::fromStdString(answer));
  }
  const TemplateCatalog catalog = TemplateCatalog::musicAvqa();
  for (const QuestionTemplate& question_template : catalog.templates()) {
    for (const std::string& answer : question_template.observed_answers) vocabulary_.insert(QString::fromStdString(answer));
  }
  for (QComboBox* box : {answer_, new_answer_}) {
    const QString current = box->currentText();
    const QSignalBlocker block(box);
    box->clear();
    for (const QString& answer : vocabulary_) box->addItem(answer);
    box->setCurrentText(current);
  }
}

void AnnotationPanel::setSplits(const QStringList& splits) {
  const QString current = new_split_->currentText();
  new_split_->clear();
  new_split_->addItems(splits);
  if (splits.contains(current)) new_split_->setCurrentText(current);
}

void AnnotationPanel::showQuestion(const QuestionRow& row) {
  row_ = row.row;
  split_ = QString::fromStdString(row.split);
  video_id_ = QString::fromStdString(row.video_id);
  title_->setText(QStringLiteral("<b>%1</b><br>%2 · %3 · %4")
                      .arg(QString::fromStdString(row.question).toHtmlEscaped(), QString::fromStdString(row.video_id),
                           QString::fromStdString(row.split), QString::fromStdString(groupKey(row.modality, row.question_type))));
  answer_->setCurrentText(QString::fromStdString(row.answer));
  ambiguous_->setChecked(row.flags & kFlagAmbiguous);
  wrong_answer_->setChecked(row.flags & kFlagWrongAnswer);
  needs_review_->setChecked(row.flags & kFlagNeedsReview);
  note_->setText(QString::fromStdString(row.note));
  new_video_->setText(QString::fromStdString(row.video_id));
  emit questionShown(row_);
  if (new_split_->findText(QString::fromStdString(row.split)) >= 0) new_split_->setCurrentText(QString::fromStdString(row.split));
  for (QWidget* widget : std::initializer_list<QWidget*>{answer_, apply_answer_, ambiguous_, wrong_answer_, needs_review_, note_, remove_, flip_}) {
    widget->setEnabled(read_only_reason_.isEmpty());
  }
}

void AnnotationPanel::showHistory(const std::vector<HistoryEntry>& history) {
  history_->clear();
  for (const HistoryEntry& entry : history) {
    const QString field = entry.field == "anser" ? tr("answer") : QString::fromStdString(entry.field);
    QString old_value = QString::fromStdString(entry.old_value);
    QString new_value = QString::fromStdString(entry.new_value);
    if (entry.field == "flags") {  // a bit set, shown by name
      const auto names = [this](const QString& bits) {
        const int flags = bits.toInt();
        QStringList shown;
        if (flags & kFlagAmbiguous) shown << tr("ambiguous");
        if (flags & kFlagWrongAnswer) shown << tr("wrong answer");
        if (flags & kFlagNeedsReview) shown << tr("needs review");
        return shown.isEmpty() ? tr("none") : shown.join(QStringLiteral(", "));
      };
      old_value = names(old_value);
      new_value = names(new_value);
    }
    history_->addItem(tr("%1  %2  %3: %4 → %5")
                          .arg(QString::fromStdString(entry.changed_at), QString::fromStdString(entry.changed_by), field, old_value, new_value));
  }
}

void AnnotationPanel::confirmAdded(const QString& message) {
  new_question_->setText(QString());
  new_answer_->setCurrentText(QString());
  add_->setToolTip(message);
  title_->setText(message);
}

void AnnotationPanel::clearQuestion() {
  row_ = 0;
  history_->clear();
  title_->setText(tr("No question selected"));
  for (QWidget* widget : std::initializer_list<QWidget*>{answer_, apply_answer_, ambiguous_, wrong_answer_, needs_review_, note_, remove_, flip_}) {
    widget->setEnabled(false);
  }
}

void AnnotationPanel::requestAdd() {
  const QString answer = new_answer_->currentText().trimmed();
  if (new_video_->text().trimmed().isEmpty() || new_question_->text().trimmed().isEmpty() || answer.isEmpty()) return;
  if (!knownOrConfirmed(answer)) return;
  NewQuestion question;
  question.video_id = new_video_->text().trimmed().toStdString();
  question.answer = answer.toStdString();
  if (const QuestionTemplate* chosen = new_question_->chosenTemplate()) {
    question.template_text = chosen->text;  // verbatim, quirks included: it is the template's key
    question.modality = chosen->modality;
    question.question_type = chosen->question_type;
    question.values = new_question_->slotValues();
  } else {
    const QStringList group = new_type_->currentText().split(QLatin1Char('/'));
    question.template_text = new_question_->text().trimmed().toStdString();
    question.modality = group.value(0).toStdString();
    question.question_type = group.value(1).toStdString();
    question.free_text = true;
  }
  emit addRequested(new_split_->currentText(), question);
}

void AnnotationPanel::setReadOnly(const QString& reason) {
  read_only_reason_ = reason;
  const QList<QWidget*> editors{answer_, apply_answer_, ambiguous_, wrong_answer_, needs_review_, note_,
                                remove_, flip_, new_question_, new_video_, new_answer_, add_};
  for (QWidget* editor : editors) {
    editor->setEnabled(false);
    editor->setToolTip(tr("Read-only project: %1").arg(reason));
  }
}

}  // namespace avqa
