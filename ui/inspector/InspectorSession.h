#pragma once

#include <QObject>
#include <QString>
#include <optional>
#include <vector>

#include "AskOutcome.h"
#include "ComparedAnswers.h"
#include "StepHeatmap.h"
#include "analysis/QuestionFigures.h"
#include "media/PatchGeometry.h"

namespace avqa {

// The project's record of the question on screen, when it is one of the video's questions:
// the dataset's answer and, when known, where it lies.
struct DatasetTruth {
  QString answer;
  std::vector<int> evidence_seconds;
  std::vector<QRectF> evidence_boxes;  // pixels of the frame as the file has it
  std::int64_t row = 0;                // the project question it is (0: none)
};

// What a question chosen in the dataset brings to its video.
struct VideoContext {
  std::vector<int> evidence_seconds;  // ground truth: where the answer lies
  Mirror mirror = Mirror::None;       // an "X_flip" question plays X mirrored
  QString audio_path;                 // an unmatch_audio question plays another file's sound
};

// The main window's state, without widgets: the open video and its context, the loaded
// model, the typed question, the A/B answers and which one is shown, the step, and the
// heatmap choices. Views observe its signals and send intents; what is on screen is always
// read from here, so the question, the answer, its model and its video belong together.
class InspectorSession : public QObject {
  Q_OBJECT
 public:
  explicit InspectorSession(QObject* parent = nullptr);

  const QString& videoPath() const { return video_path_; }
  const VideoContext& videoContext() const { return context_; }
  const QString& question() const { return question_; }
  const QString& modelName() const { return model_name_; }
  const QString& modelPath() const { return model_path_; }
  bool busy() const { return busy_; }
  const ComparedAnswers& answers() const { return answers_; }
  CompareSide shownSide() const { return side_; }
  bool comparing() const { return comparing_ && answers_.b().has_value(); }
  // The answer on screen: null when none, or when the typed question is no longer its question.
  const AskOutcome* shownOutcome() const;
  int step() const { return step_; }
  HeatmapKind heatmapKind() const { return choice_.kind; }  // the user's choice
  // The map drawn: the choice, or the other map when the shown answer's model lacks it.
  HeatmapKind shownHeatmapKind() const;
  // Saliency is chosen: asks compute gradient × input too (a backward pass, so only then).
  bool wantsSaliency() const;
  MapScale mapScale() const { return choice_.scale; }
  StepDimming stepDimming() const { return choice_.dimming; }
  // Whether the shown answer's model fills that map (false without an answer).
  bool fillsMap(HeatmapKind kind) const;
  // What the user should know about the map, e.g. "AV-Master has no sound-guided map: its
  // question-guided map is shown", or why nothing is drawn at this step; empty otherwise.
  QString mapNotice() const;
  // The heatmap of the shown answer at the step, on one colour scale with the other side.
  std::optional<FrameHeatmap> heatmap() const;
  std::optional<FrameHeatmap> heatmapOf(HeatmapKind kind) const;
  // The shown answer's temporal weight at the step, relative to its peak (-1: none).
  double stepWeight() const;
  // The dataset's answer and evidence for the question on screen (none: not a project question).
  const std::optional<DatasetTruth>& truth() const { return truth_; }
  // How the shown answer's attention meets that evidence (none without evidence).
  std::optional<QuestionFigures> figures() const;

  // Changes, from intents and from the workers.
  void setVideo(const QString& path);  // a new video: its answers are gone
  void setVideoContext(VideoContext context);
  void setQuestion(const QString& question);
  void setModel(const QString& name, const QString& device, const QString& path);
  void setBusy(bool busy);
  void addAnswer(const AskOutcome& outcome);  // becomes A and is shown
  void setShownSide(CompareSide side);        // the question box follows the side shown
  void setComparing(bool on);
  void setStep(int step);
  void followTime(double time_s);  // the step the playhead is in (nothing on padded steps)
  void setHeatmapKind(HeatmapKind kind);
  void setMapScale(MapScale scale);
  void setStepDimming(StepDimming dimming);
  void setTruth(std::optional<DatasetTruth> truth);

 signals:
  void videoChanged(const QString& path);
  void videoContextChanged();
  void questionChanged(const QString& question);
  void modelChanged(const QString& label);
  void busyChanged(bool busy);
  void answersChanged();  // A/B, the side shown, comparing, or the answer's currency
  void stepChanged(int step);
  void overlayChanged();  // what the heatmap shows: kind, scale, dimming, step
  void truthChanged();

 private:
  HeatmapChoice choiceFor(const Prediction& prediction, HeatmapKind kind) const;
  int bestStep() const;

  QString video_path_;
  VideoContext context_;
  QString question_;
  bool question_from_restore_ = false;  // put there by a restored ask, not typed
  QString model_name_;
  QString model_path_;
  bool busy_ = false;
  ComparedAnswers answers_;
  CompareSide side_ = CompareSide::A;
  bool comparing_ = false;
  int step_ = -1;
  HeatmapChoice choice_;
  std::optional<DatasetTruth> truth_;
  // figures() of the shown answer, computed once per answer and truth (frame-sized maps).
  mutable const AskOutcome* figures_for_ = nullptr;
  mutable std::optional<QuestionFigures> figures_;
};

}  // namespace avqa
