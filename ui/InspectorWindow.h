#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QThread>
#include <optional>

#include "AskWorker.h"
#include "ComparedAnswers.h"
#include "StepHeatmap.h"
#include "media/PatchGeometry.h"

class QMediaPlayer;

namespace avqa {

class AskPanel;
class DatasetDock;
class FileMenu;
class PresentationWindow;
class QuestionBox;
class TimelineView;
class UiSettings;
class VideoPlayback;
class VideoView;
class WorkspaceWindow;
struct QuestionRow;


// The main window: a video, a question, a model; the answer with the top answers, and where
// (heatmap on the frame) and when (focus curve on the timeline) the model looked, beside the
// project's dataset. Model loading and asking run in a worker thread, project reads in
// threads of their own; the window stays responsive and can cancel. Every answer is stored
// in the open project and shown again when the video is opened later.
class InspectorWindow : public QMainWindow {
  Q_OBJECT
 public:
  // `settings` (may be null) keeps window layout, overlay choices and recent projects.
  explicit InspectorWindow(UiSettings* settings = nullptr, QWidget* parent = nullptr);
  ~InspectorWindow() override;

  void openProject(const QString& path);
  void openVideo(const QString& path);
  void loadModel(const QString& path);
  void ask(const QString& question);
  void setQuestion(const QString& question);  // typed in, not asked
  void setHeatmapKind(HeatmapKind kind);  // when an answer lacks that map, the other one shows
  void setCompareSide(CompareSide side);  // A: the newest answer, B: the one before
  void showStep(int step);
  void togglePlayback();
  void seekBy(double seconds);
  void seekTo(double time_s);
  void stepFrames(int frames);  // exact, while paused: our own decoder in the worker
  void setPresentationMode(bool on);  // F11
  WorkspaceWindow* openWorkspace();  // on the open project; null (and a message) without one

  QMediaPlayer* player() const;
  VideoView* videoView() const { return video_view_; }
  TimelineView* timeline() const { return timeline_; }
  AskPanel* askPanel() const { return panel_; }
  QuestionBox* questionBox() const;
  DatasetDock* datasetDock() const { return dataset_dock_; }
  FileMenu* fileMenu() const { return file_menu_; }
  PresentationWindow* presentation() const { return presentation_; }
  const QString& projectPath() const { return project_path_; }
  const QString& audioPath() const { return audio_path_; }  // another file's sound, or empty
  VideoPlayback* playback() const { return playback_; }
  const std::optional<AskOutcome>& outcome() const { return answers_.a(); }
  const std::optional<AskOutcome>& previousOutcome() const { return answers_.b(); }
  QString tokenText() const;  // the question words tinted by each token-attention map (HTML)
  QString answerText() const;

 signals:
  void modelReady();
  void videoReady();
  void audioShown();
  void answerShown();
  void projectReady();
  void frameStepped(double time_s);
  void errorShown(const QString& message);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void wirePanel();
  void wireWorker();
  void onAnswered(const AskOutcome& outcome);
  void onFailed(const QString& message);
  void onQuestionChosen(const QuestionRow& row);
  CompareSide shownSide() const;
  const AskOutcome* shownOutcome() const { return answers_.shown(shownSide()); }
  int stepAt(double time_s) const { return answers_.stepAt(shownSide(), time_s); }
  void showOutcome();
  void refreshHeatmap();
  void setBusy(bool busy);
  void onPlaybackFrame(const QImage& frame, double time_s);
  void showFrame(const QImage& frame);

  UiSettings* settings_ = nullptr;
  QThread worker_thread_;
  AskWorker* worker_ = nullptr;  // owned by worker_thread_ (deleted on finish)
  CancelToken cancel_;
  QString project_path_;
  QString video_path_;
  // What a question chosen in the dataset brings to its video.
  struct VideoContext {
    std::vector<int> evidence_seconds;  // ground truth: where the answer lies
    Mirror mirror = Mirror::None;       // an "X_flip" question plays X mirrored
    QString audio_path;                 // an unmatch_audio question plays another file's sound
  };
  void applyVideoContext(const VideoContext& context);
  VideoContext pending_context_;  // for the video the dataset dock is opening
  QString audio_path_;
  ComparedAnswers answers_;
  int step_ = 0;

  VideoView* video_view_ = nullptr;
  TimelineView* timeline_ = nullptr;
  AskPanel* panel_ = nullptr;
  DatasetDock* dataset_dock_ = nullptr;
  FileMenu* file_menu_ = nullptr;
  PresentationWindow* presentation_ = nullptr;
  VideoPlayback* playback_ = nullptr;
  QPointer<WorkspaceWindow> workspace_;
};

}  // namespace avqa
