#pragma once

#include <QTimer>
#include <QWidget>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;

namespace avqa {

class AnswerView;
class UiSettings;
class VideoView;
class QuestionBox;

// The inspector's side panel: model and video pickers, the question box, Ask / Cancel with
// progress, problems, the answer, and the overlay and playback controls. It only lays the
// controls out; the window wires them (they are public for that and for tests).
class AskPanel : public QWidget {
  Q_OBJECT
 public:
  explicit AskPanel(QWidget* parent = nullptr);

  // QProgressBar repaints synchronously on every value (a whole-window flush with the GL view
  // in it): progress is shown at most every 150 ms so the GUI thread stays free.
  void showProgress(const QString& stage, double fraction);
  void finishProgress();
  void clearAnswer();  // a new video: no answer, no problem, nothing to compare
  // The look controls (colormap, opacity, sampling, grid, kept patches) drive these views.
  void driveOverlay(const std::vector<VideoView*>& views);
  // The overlay choices start from `settings` and are written back as they change.
  void rememberOverlay(UiSettings& settings);

  QPushButton* model_button = nullptr;
  QLabel* model_label = nullptr;
  QPushButton* video_button = nullptr;
  QLabel* video_label = nullptr;
  QuestionBox* question = nullptr;
  QPushButton* ask_button = nullptr;
  QPushButton* cancel_button = nullptr;
  QProgressBar* progress = nullptr;
  QLabel* error_label = nullptr;  // problems show here; the last answer stays on screen
  AnswerView* answer = nullptr;
  QComboBox* heat_kind = nullptr;  // HeatmapKind order
  QComboBox* colormap = nullptr;   // inferno, viridis, jet
  QSlider* opacity = nullptr;      // percent
  QComboBox* sampling = nullptr;   // smooth, blocky
  QCheckBox* grid_lines = nullptr;
  QCheckBox* kept_outlines = nullptr;
  QSlider* step_slider = nullptr;
  QCheckBox* compare = nullptr;       // A/B: both curves on the timeline
  QPushButton* show_b = nullptr;      // checked: the heatmap and answer of B
  QPushButton* play_button = nullptr;
  QComboBox* speed = nullptr;

 signals:
  void progressShown(const QString& stage);

 private:
  QTimer progress_timer_;
  QString progress_stage_;
  double progress_fraction_ = 0.0;
};

}  // namespace avqa
