#pragma once

#include <QWidget>

#include "AskOutcome.h"

class QLabel;

namespace avqa {

// The answer to one ask: the answer in large type, the top-5 answers as bars, the answer of
// each extra path (e.g. AV-Master's audio and visual decoders), the question words tinted by
// each token-attention map, and where the answer came from (model, stored or restored).
class AnswerView : public QWidget {
  Q_OBJECT
 public:
  explicit AnswerView(QWidget* parent = nullptr);

  void showOutcome(const AskOutcome& outcome, const QString& tag);  // tag: "A" / "B" or empty
  void clear();
  // The dataset's answer with a right/wrong badge and the attention figures (rich text; empty: none).
  void showVerdict(const QString& html);
  QString verdictText() const;
  QString answerText() const;  // the rich text shown (tests read it)
  QString sourceText() const;  // "model on “question” · in silence · stored as ask 3"
  QString tokenText() const;

  static QString tokenHtml(const Prediction& prediction);

 private:
  QLabel* answer_label_ = nullptr;
  QLabel* source_label_ = nullptr;
  QLabel* tokens_label_ = nullptr;
  QLabel* verdict_label_ = nullptr;
};

}  // namespace avqa
