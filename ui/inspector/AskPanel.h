#pragma once

#include <QTimer>
#include <QWidget>
#include <functional>
#include <utility>
#include <vector>

#include "StepHeatmap.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;

namespace avqa {

class AnswerView;
class InspectorSession;
class UiSettings;
class VideoView;
class QuestionBox;

// The main window's side panel: model and video pickers, the question box, Ask / Cancel with
// progress, problems, the answer, and the overlay and playback controls. It shows what the
// session holds (show*) and turns clicks into intents (its signals); it keeps no state of
// its own beyond what its widgets show.
class AskPanel : public QWidget {
  Q_OBJECT
 public:
  // `models_folder`: where the model dialog opens (the shipped models).
  explicit AskPanel(QString models_folder = QString(), QWidget* parent = nullptr);

  // QProgressBar repaints synchronously on every value (a whole-window flush with the GL view
  // in it): progress is shown at most every 150 ms so the GUI thread stays free.
  void showProgress(const QString& stage, double fraction);
  void showModel(const QString& label);
  void showBusy(bool busy);
  void showPlaying(bool playing);
  void showStep(int step);
  void showSession(const InspectorSession& session);       // the answer, A/B, the step range
  void showOverlayState(const InspectorSession& session);  // which maps exist, the readout
  void clearAnswer();  // a new video: no answer, no problem, nothing to compare
  void requestOtherSide();
  // The look controls (colormap, opacity, sampling, grid, kept patches) drive these views.
  void driveOverlay(const std::vector<VideoView*>& views);
  // The overlay choices start from `settings` and are written back as they change.
  void rememberOverlay(UiSettings& settings);
  // Keys that act on the video unless a text box has the focus.
  void bindShortcuts(QWidget& window, const std::vector<std::pair<int, std::function<void()>>>& keys);

  // What the panel shows, for the window (which forwards the question box to the dataset
  // dock's completion) and for tests; changes go through the intents below.
  QString questionText() const;
  void showQuestionText(const QString& question);  // no questionEdited when unchanged
  QuestionBox& questionBox() const { return *question_; }
  void showVideoName(const QString& name);
  void showProblem(const QString& message);  // empty: none; the last answer stays on screen
  const AnswerView& answerView() const { return *answer_; }
  QString otherSideLabel() const;  // "Show B" / "Show A": what the button will do
  // Intents from code (a remembered choice, a key): the same path as the widget's own.
  void chooseHeatmapKind(HeatmapKind kind);
  void chooseColormap(Colormap colormap);
  Colormap chosenColormap() const;
  void chooseComparing(bool on);

 signals:
  void progressShown(const QString& stage);
  void modelFileChosen(const QString& path);
  void videoFileChosen(const QString& path);
  void askRequested();
  void cancelRequested();
  void questionEdited(const QString& question);
  void playRequested();
  void rateChosen(double rate);
  void heatmapKindChosen(HeatmapKind kind);
  void mapScaleChosen(MapScale scale);
  void stepDimmingChosen(StepDimming dimming);
  void stepChosen(int step);
  void comparingChosen(bool on);
  void otherSideRequested();
  void colormapChosen();  // the legend follows

 private:
  void finishProgress();
  void layOut();

  QString models_folder_;
  QuestionBox* question_ = nullptr;
  QLabel* video_label_ = nullptr;
  QLabel* error_label_ = nullptr;
  AnswerView* answer_ = nullptr;
  QComboBox* heat_kind_ = nullptr;  // HeatmapKind order
  QComboBox* colormap_ = nullptr;   // inferno, viridis, jet
  QCheckBox* compare_ = nullptr;    // A/B: both curves on the timeline
  QPushButton* show_other_ = nullptr;
  QPushButton* model_button_ = nullptr;
  QLabel* model_label_ = nullptr;
  QPushButton* video_button_ = nullptr;
  QPushButton* ask_button_ = nullptr;
  QPushButton* cancel_button_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QComboBox* map_scale_ = nullptr;
  QCheckBox* dimming_ = nullptr;
  QSlider* opacity_ = nullptr;
  QComboBox* sampling_ = nullptr;
  QCheckBox* grid_lines_ = nullptr;
  QCheckBox* kept_outlines_ = nullptr;
  QLabel* map_notice_ = nullptr;
  QLabel* readout_ = nullptr;
  QLabel* legend_bar_ = nullptr;  // the colormap from no weight to the scale's peak
  QLabel* legend_text_ = nullptr;
  QSlider* step_slider_ = nullptr;
  QPushButton* play_button_ = nullptr;
  QComboBox* speed_ = nullptr;
  QTimer progress_timer_;
  QString progress_stage_;
  double progress_fraction_ = 0.0;
};

}  // namespace avqa
