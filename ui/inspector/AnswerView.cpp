#include "AnswerView.h"

#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>

namespace avqa {

AnswerView::AnswerView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  answer_label_ = new QLabel;
  answer_label_->setWordWrap(true);
  answer_label_->setTextFormat(Qt::RichText);
  verdict_label_ = new QLabel;
  verdict_label_->setWordWrap(true);
  verdict_label_->setTextFormat(Qt::RichText);
  source_label_ = new QLabel;
  source_label_->setWordWrap(true);
  source_label_->setStyleSheet(QStringLiteral("color: palette(mid)"));
  tokens_label_ = new QLabel;
  tokens_label_->setTextFormat(Qt::RichText);
  tokens_label_->setWordWrap(true);
  layout->addWidget(answer_label_);
  layout->addWidget(verdict_label_);
  layout->addWidget(source_label_);
  layout->addWidget(tokens_label_);
}

namespace {

// A scrolling panel would otherwise squeeze word-wrapped rich text below its height: each
// label keeps the height its text needs at the panel's width.
void keepHeight(QLabel* label) {
  const int width = std::max(label->width(), 280);
  label->setMinimumHeight(label->hasHeightForWidth() ? label->heightForWidth(width) : label->sizeHint().height());
}

}  // namespace

void AnswerView::showVerdict(const QString& html) {
  verdict_label_->setText(html);
  keepHeight(verdict_label_);
}
QString AnswerView::verdictText() const { return verdict_label_->text(); }

void AnswerView::clear() {
  for (QLabel* label : {answer_label_, verdict_label_, source_label_, tokens_label_}) label->setMinimumHeight(0);
  verdict_label_->clear();
  answer_label_->clear();
  source_label_->clear();
  tokens_label_->clear();
}

QString AnswerView::answerText() const { return answer_label_->text(); }
QString AnswerView::sourceText() const { return source_label_->text(); }
QString AnswerView::tokenText() const { return tokens_label_->text(); }

void AnswerView::showOutcome(const AskOutcome& outcome, const QString& tag) {
  const Prediction& p = outcome.result.prediction;
  QString text = QStringLiteral("<p style='font-size:18pt'>%1<b>%2</b></p>")
                     .arg(tag.isEmpty() ? QString() : QStringLiteral("<span style='color:#808080'>%1: </span>").arg(tag),
                          QString::fromStdString(p.answer()).toHtmlEscaped());
  text += QStringLiteral("<table cellspacing='2'>");
  for (const RankedAnswer& ranked : p.top(5)) {  // the top answers as bars
    const int width = std::max(1, static_cast<int>(ranked.probability * 180));
    text += QStringLiteral("<tr><td>%1</td><td><table cellspacing='0'><tr><td bgcolor='#e0803a' width='%2' height='12'></td>"
                           "</tr></table></td><td>%3</td></tr>")
                .arg(QString::fromStdString(ranked.answer).toHtmlEscaped())
                .arg(width)
                .arg(QString::number(ranked.probability, 'f', 3));
  }
  text += QStringLiteral("</table>");
  for (const auto& [path, probabilities] : p.path_probs) {
    Prediction path_prediction;
    path_prediction.answers = p.answers;
    path_prediction.probabilities = probabilities;
    text += QStringLiteral("<div><i>%1 path:</i> %2</div>")
                .arg(QString::fromStdString(path).toHtmlEscaped(), QString::fromStdString(path_prediction.answer()).toHtmlEscaped());
  }
  answer_label_->setText(text);
  keepHeight(answer_label_);
  QString source = tr("%1 on “%2”%3").arg(outcome.model_name, outcome.question.trimmed().toHtmlEscaped(), soundLabel(outcome).toHtmlEscaped());
  if (outcome.restored) {
    source += tr(" · from the project (ask %1)").arg(outcome.stored_ask_id);
  } else if (outcome.stored_ask_id > 0) {
    source += tr(" · stored as ask %1").arg(outcome.stored_ask_id);
  }
  source_label_->setText(source);
  tokens_label_->setText(tokenHtml(p));
  keepHeight(source_label_);
  keepHeight(tokens_label_);
}

QString AnswerView::tokenHtml(const Prediction& p) {
  QString html;
  for (const auto& [name, weights] : p.tokens) {
    const float peak = weights.empty() ? 1.0f : std::max(1e-9f, *std::max_element(weights.begin(), weights.end()));
    html += QStringLiteral("<div><i>%1:</i> ").arg(QString::fromStdString(name).toHtmlEscaped());
    for (std::size_t i = 0; i < p.question_words.size() && i < weights.size(); ++i) {
      // Stronger attention, deeper orange behind the word.
      const int alpha = static_cast<int>(std::clamp(weights[i] / peak, 0.0f, 1.0f) * 200.0f);
      html += QStringLiteral("<span style='background-color: rgba(230, 120, 40, %1)'>%2</span> ")
                  .arg(alpha)
                  .arg(QString::fromStdString(p.question_words[i]).toHtmlEscaped());
    }
    html += QStringLiteral("</div>");
  }
  return html;
}

}  // namespace avqa
