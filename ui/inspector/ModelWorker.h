#pragma once

#include <QObject>
#include <QString>
#include <memory>

#include "AskOutcome.h"
#include "common/CancelToken.h"

namespace avqa {

class AvqaModel;
class ModelProbe;
class ProjectStore;

// Lives in the model thread: loads a model there, warms it, runs asks and stores each answer
// in the open project (the thread owns that connection). The GUI calls it through queued
// invocations; results cross back as values. Media work has a thread of its own
// (MediaWorker), so a frame step never waits behind an ask.
// One question for the worker: the video, the question, and how it is heard and explained.
struct AskIntent {
  QString video;
  QString question;
  QString audio;  // may be empty: another file's sound for the question (v2.0 unmatch_audio)
  // Silence: asked with silence through the model's own audio encoder (not stored in the
  // project: a check, not an answer).
  Hearing hearing = Hearing::Recorded;
  SaliencyRequest saliency = SaliencyRequest::None;
};

class ModelWorker : public QObject {
  Q_OBJECT
 public:
  // `feature_cache_root`: where encoder features are cached (empty: no cache).
  explicit ModelWorker(QString feature_cache_root);
  ~ModelWorker() override;

  // A model file not opened before is first tested in a child process (ModelProbe), when
  // setProbe() gave the executable; refused files are reported through failed().
  void loadModel(const QString& path);
  void setProbe(const QString& executable, const QString& vetted_list_path);
  void ask(const AskIntent& intent, const CancelToken& cancel);
  // From now on every answer is stored in this project (empty: none).
  void setProject(const QString& path);

 signals:
  void modelLoaded(const QString& name, const QString& device, const QString& path);
  void progress(const QString& stage, double fraction);
  void answered(const avqa::AskOutcome& outcome);
  void failed(const QString& message);
  void projectOpened(const QString& path);

 private:
  QString feature_cache_root_;
  std::unique_ptr<AvqaModel> model_;
  std::unique_ptr<AskJob> job_;
  std::unique_ptr<ProjectStore> project_;
  std::unique_ptr<ModelProbe> probe_;
};

}  // namespace avqa
