#include "PresentationWindow.h"

#include "InspectorSession.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include "QuestionBox.h"
#include "VideoView.h"

namespace avqa {

PresentationWindow::PresentationWindow(QWidget* parent) : QWidget(parent, Qt::Window) {
  setWindowTitle(tr("AVQA Lens — presentation"));
  setStyleSheet(QStringLiteral("background-color: #111; color: #eee;"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(24, 16, 24, 16);
  video_view_ = new VideoView(this);
  question_box_ = new QuestionBox;
  QLineEdit* edit = question_box_->lineEdit();
  edit->setStyleSheet(QStringLiteral("font-size: 26pt; padding: 6px; background-color: #222; color: #fff;"));
  edit->setPlaceholderText(tr("Ask about the performance…"));
  answer_label_ = new QLabel;
  answer_label_->setStyleSheet(QStringLiteral("font-size: 40pt; font-weight: bold; color: #ffb050;"));
  answer_label_->setAlignment(Qt::AlignCenter);
  layout->addWidget(video_view_, 1);
  layout->addWidget(question_box_);
  layout->addWidget(answer_label_);
  connect(edit, &QLineEdit::textChanged, this, [this] {
    if (!setting_question_) emit questionEdited(question_box_->text());  // typed, or filled by a picker
  });
  connect(question_box_, &QuestionBox::submitted, this, [this] {
    if (!question_box_->text().trimmed().isEmpty()) emit askRequested(question_box_->text());
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
  setting_question_ = true;  // from the inspector: not an edit to send back
  question_box_->setText(question);
  question_box_->lineEdit()->setCursorPosition(0);  // the question's start in view
  setting_question_ = false;
}
QString PresentationWindow::question() const { return question_box_->text(); }
void PresentationWindow::showOverlay(const InspectorSession& session) {
  const HeatmapKind kind = session.fillsMap(HeatmapKind::SoundGuided) ? HeatmapKind::SoundGuided : HeatmapKind::QuestionGuided;
  const std::optional<FrameHeatmap> heat = session.heatmapOf(kind);
  if (heat) video_view_->setHeatmap(*heat);
  else video_view_->clearHeatmap();
}

void PresentationWindow::showAnswer(const QString& answer) { answer_label_->setText(answer); }
QString PresentationWindow::answerText() const { return answer_label_->text(); }

void PresentationWindow::showBusy(const QString& stage) {
  answer_label_->setText(QStringLiteral("<span style='font-size:20pt; color:#aaa'>%1</span>").arg(stage.toHtmlEscaped()));
}

void PresentationWindow::keyPressEvent(QKeyEvent* event) {
  QAbstractItemView* completions = question_box_->completer()->popup();
  if (event->key() == Qt::Key_Escape && completions->isVisible()) {  // the list first, the mode after
    completions->hide();
    return;
  }
  if (event->key() == Qt::Key_Escape || event->key() == Qt::Key_F11) {
    emit leaveRequested();
    return;
  }
  if (event->key() == Qt::Key_Space && !question_box_->lineEdit()->hasFocus()) {
    emit playPauseRequested();
    return;
  }
  QWidget::keyPressEvent(event);
}

}  // namespace avqa
