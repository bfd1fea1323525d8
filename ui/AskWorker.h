#pragma once

#include <QImage>
#include <QObject>
#include <QString>
#include <memory>
#include <vector>

#include "AskJob.h"

namespace avqa {
class ProjectStore;
}

namespace avqa {

// What the GUI gets back from one ask: the result and the frame of every step, decoded in
// the worker so the GUI thread never decodes.
struct AskOutcome {
  AskResult result;
  std::vector<QImage> step_frames;
  QString question;
  QString model_name;
  qint64 stored_ask_id = 0;  // its row in the project's asks (0: not stored)
  bool restored = false;     // read back from the project, not computed now
  QString audio_path;        // another file's sound it was asked with (empty: the video's own)
};

// Lives in a worker thread: loads the model there and runs asks there (the GUI calls these
// through queued invocations). Results cross back as values; the GUI keeps each ask's
// cancel token and cancels through it.
class AskWorker : public QObject {
  Q_OBJECT
 public:
  AskWorker();
  ~AskWorker() override;

  void loadModel(const QString& path);
  // `audio` (may be empty): another file's sound for the question (v2.0 unmatch_audio).
  void ask(const QString& video, const QString& question, const CancelToken& cancel, const QString& audio = QString());
  // Exact frame stepping while paused (QMediaPlayer has none): our own decoder, off the GUI thread.
  void decodeFrame(const QString& video, double time_s);
  // Reads a video's header and first shown frame (a bad file fails here, not in the GUI).
  void openVideo(const QString& video);
  // From now on every answer is stored in this project (empty: none). Opened here, in the
  // worker's thread, which then owns the connection.
  void setProject(const QString& path);
  // The video's last two stored asks, oldest first, as answers (no model needed): the
  // project remembers what was asked, and the newest two can be compared.
  void restoreAsks(const QString& video);

 signals:
  void modelLoaded(const QString& name, const QString& device);
  void progress(const QString& stage, double fraction);
  void answered(const avqa::AskOutcome& outcome);
  void failed(const QString& message);
  void projectOpened(const QString& path);
  void frameDecoded(const QImage& frame, double time_s);
  void videoOpened(const QString& video, double frame_rate, double duration_s);
  // The sound at a glance for the timeline: peak level per column and a log-mel picture.
  void audioOverview(const std::vector<float>& envelope, const QImage& spectrogram, double duration_s);

 private:
  void emitAudioOverview(const std::vector<float>& audio, double duration_s);

  std::unique_ptr<AvqaModel> model_;
  std::unique_ptr<AskJob> job_;
  std::unique_ptr<ProjectStore> project_;
};

}  // namespace avqa

Q_DECLARE_METATYPE(avqa::AskOutcome)
Q_DECLARE_METATYPE(std::vector<float>)
