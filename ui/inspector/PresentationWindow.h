#pragma once

#include <QWidget>

class QLabel;

namespace avqa {

class QuestionBox;
class InspectorSession;
class VideoView;

// Presentation mode (F11) for demos to musicians: the video with its overlay full screen,
// a large question box and the answer in large type. The inspector feeds it the same frames
// and heatmaps it shows itself; the question box completes templates as the inspector's
// does. Esc closes an open completion list first; Esc (again) or F11 leaves, keeping the
// typed question.
class PresentationWindow : public QWidget {
  Q_OBJECT
 public:
  explicit PresentationWindow(QWidget* parent = nullptr);

  VideoView* videoView() const { return video_view_; }
  // Full screen on `screen_geometry` (set explicitly: without a window manager too).
  void present(const QString& question, const QString& answer, const QImage& frame, const QRect& screen_geometry);
  void setQuestion(const QString& question);
  QString question() const;
  void showAnswer(const QString& answer);  // plain text, shown large
  // Its own look: the sound-guided map of the session's step when the model has one.
  void showOverlay(const InspectorSession& session);
  void showBusy(const QString& stage);
  QString answerText() const;
  QuestionBox* questionBox() const { return question_box_; }

 signals:
  void askRequested(const QString& question);
  void questionEdited(const QString& question);  // typed: the old answer no longer belongs to it
  void leaveRequested();
  void playPauseRequested();

 protected:
  void keyPressEvent(QKeyEvent* event) override;

 private:
  VideoView* video_view_ = nullptr;
  QuestionBox* question_box_ = nullptr;
  bool setting_question_ = false;
  QLabel* answer_label_ = nullptr;
};

}  // namespace avqa
