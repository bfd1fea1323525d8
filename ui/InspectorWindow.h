#pragma once

#include <QMainWindow>
#include <QThread>
#include <optional>

#include "AskWorker.h"

class QAudioOutput;
class QMediaPlayer;
class QVideoFrame;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSlider;

namespace avqa {

class TimelineView;
class VideoView;

// The inspector: a video, a question, a model; the answer with the top answers, and where
// (heatmap on the frame) and when (focus curve on the timeline) the model looked. Model
// loading and asking run in a worker thread; the window stays responsive and can cancel.
enum class HeatmapKind { QuestionGuided = 0, SoundGuided = 1, None = 2 };

class InspectorWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit InspectorWindow(QWidget* parent = nullptr);
  ~InspectorWindow() override;

  void openVideo(const QString& path);
  void loadModel(const QString& path);
  void ask(const QString& question);
  void setQuestion(const QString& question);  // typed in, not asked
  void setHeatmapKind(HeatmapKind kind);  // when an answer lacks that map, the other one shows
  void showStep(int step);
  void togglePlayback();
  void seekBy(double seconds);
  void seekTo(double time_s);
  void stepFrames(int frames);  // exact, while paused: our own decoder in the worker
  QMediaPlayer* player() const { return player_; }
  VideoView* videoView() const { return video_view_; }
  TimelineView* timeline() const { return timeline_; }
  const std::optional<AskOutcome>& outcome() const { return outcome_; }
  QString tokenText() const;  // the question words tinted by each token-attention map (HTML)

 signals:
  void modelReady();
  void videoReady();
  void audioShown();
  void answerShown();
  void frameStepped(double time_s);
  void errorShown(const QString& message);

 private:
  void buildLayout();
  void onAnswered(const AskOutcome& outcome);
  void onFailed(const QString& message);
  void refreshHeatmap();
  void setBusy(bool busy);
  void onVideoFrame(const QVideoFrame& frame);
  int stepAt(double time_s) const;

  QThread worker_thread_;
  AskWorker* worker_ = nullptr;  // owned by worker_thread_ (deleted on finish)
  CancelToken cancel_;
  QString video_path_;
  double frame_rate_ = 25.0;
  double paused_time_s_ = 0.0;
  std::optional<AskOutcome> outcome_;
  int step_ = 0;

  VideoView* video_view_ = nullptr;
  TimelineView* timeline_ = nullptr;
  QLabel* model_label_ = nullptr;
  QLabel* video_label_ = nullptr;
  QLineEdit* question_edit_ = nullptr;
  QPushButton* ask_button_ = nullptr;
  QPushButton* cancel_button_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* answer_label_ = nullptr;
  QLabel* error_label_ = nullptr;  // problems show here; the last answer stays on screen
  QComboBox* heat_kind_ = nullptr;
  QComboBox* colormap_ = nullptr;
  QSlider* opacity_ = nullptr;
  QSlider* step_slider_ = nullptr;
  QPushButton* play_button_ = nullptr;
  QComboBox* speed_ = nullptr;
  QLabel* tokens_label_ = nullptr;
  QMediaPlayer* player_ = nullptr;
  QAudioOutput* audio_output_ = nullptr;
};

}  // namespace avqa
