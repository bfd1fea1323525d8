#include "PresentationWindow.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include "VideoView.h"

namespace avqa {

PresentationWindow::PresentationWindow(QWidget* parent) : QWidget(parent, Qt::Window) {
  setWindowTitle(tr("AVQA Lens — presentation"));
  setStyleSheet(QStringLiteral("background-color: #111; color: #eee;"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(24, 16, 24, 16);
  video_view_ = new VideoView(this);
  question_edit_ = new QLineEdit;
  question_edit_->setStyleSheet(QStringLiteral("font-size: 26pt; padding: 6px; background-color: #222; color: #fff;"));
  question_edit_->setPlaceholderText(tr("Ask about the performance…"));
  answer_label_ = new QLabel;
  answer_label_->setStyleSheet(QStringLiteral("font-size: 40pt; font-weight: bold; color: #ffb050;"));
  answer_label_->setAlignment(Qt::AlignCenter);
  layout->addWidget(video_view_, 1);
  layout->addWidget(question_edit_);
  layout->addWidget(answer_label_);
  connect(question_edit_, &QLineEdit::textEdited, this, &PresentationWindow::questionEdited);
  connect(question_edit_, &QLineEdit::returnPressed, this, [this] {
    if (!question_edit_->text().trimmed().isEmpty()) emit askRequested(question_edit_->text());
  });
}

void PresentationWindow::present(const QString& question, const QString& answer, const QImage& frame, const QRect& screen_geometry) {
  setQuestion(question);
  showAnswer(answer);
  setGeometry(screen_geometry);
  showFullScreen();
  activateWindow();
  video_view_->setFrame(frame);
}

void PresentationWindow::setQuestion(const QString& question) {
  question_edit_->setText(question);
  question_edit_->setCursorPosition(0);  // the question's start in view
}
QString PresentationWindow::question() const { return question_edit_->text(); }
void PresentationWindow::showAnswer(const QString& answer) { answer_label_->setText(answer); }
QString PresentationWindow::answerText() const { return answer_label_->text(); }

void PresentationWindow::showBusy(const QString& stage) {
  answer_label_->setText(QStringLiteral("<span style='font-size:20pt; color:#aaa'>%1</span>").arg(stage.toHtmlEscaped()));
}

void PresentationWindow::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Escape || event->key() == Qt::Key_F11) {
    emit leaveRequested();
    return;
  }
  if (event->key() == Qt::Key_Space && !question_edit_->hasFocus()) {
    emit playPauseRequested();
    return;
  }
  QWidget::keyPressEvent(event);
}

}  // namespace avqa
