#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QThread>
#include <memory>
#include <optional>

#include "AskOutcome.h"
#include "InspectorSession.h"
#include "common/CancelToken.h"

class QMediaPlayer;

namespace avqa {

class AskPanel;
class DatasetDock;
class FigureExport;
class SoundOverviewLoader;
class FileMenu;
class MediaWorker;
class EvidenceEditor;
class SoundCheck;
class ModelWorker;
class PresentationWindow;
class SecondMapView;
class QuestionBox;
class TaskList;
class TimelineView;
class UiSettings;
class VideoPlayback;
class VideoView;
class WorkspaceLink;
class WorkspaceWindow;
struct QuestionRow;

// The main window: a video, a question, a model; the answer with the top answers, and where
// (heatmap on the frame) and when (focus curve on the timeline) the model looked, beside the
// project's dataset. It lays out its views and connects them to its InspectorSession (the
// state) and to two workers: the model thread (load, ask, store) and the media thread
// (probe, frame steps, audio overview, stored asks), so a frame step never waits for an ask.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // `settings` (may be null) keeps window layout, overlay choices and recent projects;
  // `feature_cache_root` is where encoder features are cached (empty: no cache).
  explicit MainWindow(UiSettings* settings = nullptr, const QString& feature_cache_root = QString(), QWidget* parent = nullptr);
  ~MainWindow() override;

  // Intents (the menus, panels, shortcuts and tests call these).
  void openProject(const QString& path);
  void openVideo(const QString& path);
  void loadModel(const QString& path);
  // Model files not opened before are first tested by `executable ask --explain` in a child
  // process (ModelProbe); vetted files are listed in `vetted_list_path`.
  void setModelProbe(const QString& executable, const QString& vetted_list_path);
  // `audio_path`: another file's sound (empty: the video's, or the question's unmatched
  // audio); `hearing` Silence: silence through the model's audio encoder (SoundCheck).
  void ask(const QString& question, const QString& audio_path = QString(), Hearing hearing = Hearing::Recorded);
  void setQuestion(const QString& question);  // typed in, not asked
  void setHeatmapKind(HeatmapKind kind);
  void setCompareSide(CompareSide side);  // A: the newest answer, B: the one before
  void showStep(int step);
  void togglePlayback();
  void seekBy(double seconds);
  void seekTo(double time_s);
  void stepFrames(int frames);  // exact, while paused: our own decoder in the media thread
  void setPresentationMode(bool on);  // F11
  WorkspaceWindow* openWorkspace();   // on the open project; null (and a message) without one

  const InspectorSession& session() const { return session_; }
  TaskList* tasks() const { return tasks_; }
  FigureExport* figures() const { return figures_.get(); }
  QMediaPlayer* player() const;
  VideoView* videoView() const { return video_view_; }
  TimelineView* timeline() const { return timeline_; }
  EvidenceEditor* evidenceEditor() const { return evidence_editor_; }
  SoundCheck* soundCheck() const { return sound_check_; }
  AskPanel* askPanel() const { return panel_; }
  QuestionBox* questionBox() const;
  DatasetDock* datasetDock() const { return dataset_dock_; }
  SecondMapView* secondMap() const { return second_map_; }
  void showSecondMap(bool on);  // what View > Second map beside does
  FileMenu* fileMenu() const { return file_menu_; }
  PresentationWindow* presentation() const { return presentation_; }
  const QString& projectPath() const { return project_path_; }
  const QString& audioPath() const { return session_.videoContext().audio_path; }
  VideoPlayback* playback() const { return playback_; }
  const std::optional<AskOutcome>& outcome() const { return session_.answers().a(); }
  const std::optional<AskOutcome>& previousOutcome() const { return session_.answers().b(); }
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
  void buildLayout();
  void wireWorkers();
  void wirePanel();
  void wireSession();
  void onQuestionChosen(const QuestionRow& row);
  void onFailed(const QString& message);
  void showAnswer();
  void refreshOverlay();
  void showFrame(const QImage& frame);
  void onPlaybackFrame(const QImage& frame, double time_s);

  UiSettings* settings_ = nullptr;
  QString feature_cache_root_;
  InspectorSession session_;
  QThread model_thread_;
  QThread media_thread_;
  EvidenceEditor* evidence_editor_ = nullptr;
  SoundCheck* sound_check_ = nullptr;
  ModelWorker* model_worker_ = nullptr;  // owned by model_thread_ (deleted on finish)
  MediaWorker* media_worker_ = nullptr;  // owned by media_thread_
  CancelToken cancel_;
  QString project_path_;
  QString opening_video_;            // asked of the media worker, not yet opened
  std::optional<VideoContext> pending_context_;  // for the video the dataset dock is opening

  VideoView* video_view_ = nullptr;
  SecondMapView* second_map_ = nullptr;  // the other map beside (View > Second map beside)
  TimelineView* timeline_ = nullptr;
  AskPanel* panel_ = nullptr;
  DatasetDock* dataset_dock_ = nullptr;
  FileMenu* file_menu_ = nullptr;
  PresentationWindow* presentation_ = nullptr;
  VideoPlayback* playback_ = nullptr;
  TaskList* tasks_ = nullptr;
  std::unique_ptr<FigureExport> figures_;
  SoundOverviewLoader* sound_overview_ = nullptr;
  WorkspaceLink* workspace_ = nullptr;
};

}  // namespace avqa
