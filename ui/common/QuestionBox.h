#pragma once

#include <QWidget>
#include <vector>

#include "dataset/TemplateCatalog.h"

class QComboBox;
class QCompleter;
class QHBoxLayout;
class QLineEdit;

namespace avqa {

// The question box: free text, or one of the 33 MUSIC-AVQA templates picked by completion
// (type any part of it) whose slots (<Object>, <LR>, <FL>, ...) get a picker each with the
// values the dataset uses; the text follows the pickers. Typing over a filled template turns
// it back into free text.
class QuestionBox : public QWidget {
  Q_OBJECT
 public:
  explicit QuestionBox(QWidget* parent = nullptr);

  QString text() const;
  void setText(const QString& text);  // free text (pickers hidden)
  void chooseTemplate(int index);     // index into templates(); pickers show its slots
  // Slot values that belong to the open video (what its dataset questions name), most used
  // first: a picker starts on the first that fits its slot, not on an instrument the video
  // does not have; two <Object> slots start on two different ones.
  void setPreferredSlotValues(std::vector<std::string> values);
  bool isFilledTemplate() const { return template_index_ >= 0; }
  const QuestionTemplate* chosenTemplate() const;  // null for free text
  std::vector<std::string> slotValues() const;
  const std::vector<QuestionTemplate>& templates() const { return catalog_.templates(); }
  std::vector<QComboBox*> slotPickers() const { return pickers_; }
  QLineEdit* lineEdit() const { return edit_; }
  QCompleter* completer() const { return completer_; }

 signals:
  void submitted();  // Return in the box

 private:
  void refill();
  void clearPickers();

  TemplateCatalog catalog_ = TemplateCatalog::musicAvqa();
  QLineEdit* edit_ = nullptr;
  QCompleter* completer_ = nullptr;
  QHBoxLayout* pickers_row_ = nullptr;
  std::vector<std::string> preferred_values_;
  std::vector<QComboBox*> pickers_;
  std::vector<QWidget*> picker_labels_;  // "Object", "LR", ... before each picker
  int template_index_ = -1;
};

}  // namespace avqa
