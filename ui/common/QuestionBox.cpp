#include "QuestionBox.h"

#include <QComboBox>
#include <QCompleter>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QAbstractItemView>
#include <algorithm>
#include <QLabel>
#include <QStringListModel>
#include <QVBoxLayout>

namespace avqa {
namespace {

// How a template is offered: its words as a person reads them (the dataset's full-width
// question mark and trailing spaces are quirks of the files, not of the question).
QString shownTemplate(const std::string& text) { return QString::fromStdString(readableQuestionText(text)); }

}  // namespace

QuestionBox::QuestionBox(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  edit_ = new QLineEdit;
  edit_->setPlaceholderText(tr("Type a question, or part of a template (e.g. \"makes the sound\")"));
  edit_->setClearButtonEnabled(true);
  QStringList shown;
  for (const QuestionTemplate& question_template : catalog_.templates()) shown << shownTemplate(question_template.text);
  completer_ = new QCompleter(new QStringListModel(shown, this), this);
  completer_->setCaseSensitivity(Qt::CaseInsensitive);
  completer_->setFilterMode(Qt::MatchContains);
  completer_->setMaxVisibleItems(12);
  // The popup is as wide as the box by default, which cuts long templates off in a docked
  // panel: it gets the width of the longest template instead.
  int widest = 0;
  for (const QString& text : shown) widest = std::max(widest, completer_->popup()->fontMetrics().horizontalAdvance(text));
  completer_->popup()->setMinimumWidth(widest + 40);
  edit_->setCompleter(completer_);
  pickers_row_ = new QHBoxLayout;
  pickers_row_->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(edit_);
  layout->addLayout(pickers_row_);
  connect(completer_, qOverload<const QString&>(&QCompleter::activated), this, [this, shown](const QString& text) {
    const qsizetype index = shown.indexOf(text);
    if (index >= 0) chooseTemplate(static_cast<int>(index));
  });
  connect(edit_, &QLineEdit::textEdited, this, [this] {
    if (template_index_ >= 0) {  // typed over a filled template: it is free text now
      template_index_ = -1;
      clearPickers();
    }
  });
  connect(edit_, &QLineEdit::returnPressed, this, &QuestionBox::submitted);
}

QString QuestionBox::text() const { return edit_->text(); }

void QuestionBox::setText(const QString& text) {
  template_index_ = -1;
  clearPickers();
  edit_->setText(text);
  edit_->setCursorPosition(0);  // the question's start in view
}

void QuestionBox::clearPickers() {
  for (QComboBox* picker : pickers_) picker->deleteLater();
  for (QWidget* label : picker_labels_) label->deleteLater();
  pickers_.clear();
  picker_labels_.clear();
}

void QuestionBox::chooseTemplate(int index) {
  if (index < 0 || index >= static_cast<int>(catalog_.templates().size())) return;
  clearPickers();
  template_index_ = index;
  const QuestionTemplate& chosen = catalog_.templates()[static_cast<std::size_t>(index)];
  std::vector<std::string> used;  // preferred values already given to an earlier slot
  for (const std::string& placeholder : chosen.placeholders) {
    auto* picker = new QComboBox;
    picker->setEditable(true);  // a value the dataset never used is still a question
    picker->setToolTip(QString::fromStdString(placeholder));
    std::vector<std::string> values = catalog_.placeholderValues(placeholder);
    // The video's own values first, in the order given; the first unused one is the default.
    std::vector<std::string> ordered;
    for (const std::string& value : preferred_values_) {
      if (std::find(values.begin(), values.end(), value) != values.end()) ordered.push_back(value);
    }
    const auto unused = std::find_if(ordered.begin(), ordered.end(),
                                     [&](const std::string& value) { return std::find(used.begin(), used.end(), value) == used.end(); });
    if (unused != ordered.end()) std::rotate(ordered.begin(), unused, unused + 1);
    if (!ordered.empty()) used.push_back(ordered.front());
    for (const std::string& value : values) {
      if (std::find(ordered.begin(), ordered.end(), value) == ordered.end()) ordered.push_back(value);
    }
    for (const std::string& value : ordered) picker->addItem(QString::fromStdString(value));
    connect(picker, &QComboBox::currentTextChanged, this, &QuestionBox::refill);
    QString name = QString::fromStdString(placeholder);
    auto* label = new QLabel(name.remove(QLatin1Char('<')).remove(QLatin1Char('>')));
    label->setStyleSheet(QStringLiteral("color: palette(mid)"));
    pickers_row_->addWidget(label);
    picker_labels_.push_back(label);
    pickers_row_->addWidget(picker);
    pickers_.push_back(picker);
  }
  refill();
}

void QuestionBox::setPreferredSlotValues(std::vector<std::string> values) { preferred_values_ = std::move(values); }

const QuestionTemplate* QuestionBox::chosenTemplate() const {
  return template_index_ >= 0 ? &catalog_.templates()[static_cast<std::size_t>(template_index_)] : nullptr;
}

std::vector<std::string> QuestionBox::slotValues() const {
  std::vector<std::string> values;
  for (const QComboBox* picker : pickers_) values.push_back(picker->currentText().toStdString());
  return values;
}

void QuestionBox::refill() {
  if (template_index_ < 0) return;
  std::vector<std::string> values;
  for (const QComboBox* picker : pickers_) values.push_back(picker->currentText().toStdString());
  const std::string filled = fillTemplate(catalog_.templates()[static_cast<std::size_t>(template_index_)].text, values);
  edit_->setText(shownTemplate(filled));
}

}  // namespace avqa
