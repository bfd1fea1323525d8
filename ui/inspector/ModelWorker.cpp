#include "ModelWorker.h"

#include <QFileInfo>
#include <algorithm>
#include <thread>

#include "AskRecord.h"
#include "ModelExplanation.h"
#include "ModelLoader.h"
#include "ModelProbe.h"
#include "PredictionJson.h"
#include "ProjectFeatures.h"
#include "common/AvqaError.h"
#include "media/MediaSampler.h"
#include "storage/AskStore.h"
#include "storage/ProjectStore.h"

namespace avqa {

ModelWorker::ModelWorker(QString feature_cache_root) : feature_cache_root_(std::move(feature_cache_root)) {
  qRegisterMetaType<avqa::AskOutcome>();
}
ModelWorker::~ModelWorker() = default;

void ModelWorker::loadModel(const QString& path) {
  if (probe_) {  // a refused file leaves the loaded model in place
    const QString refusal = probe_->refusal(path);
    if (!refusal.isEmpty()) {
      emit failed(refusal);
      return;
    }
  }
  try {
    // This thread runs the model: it takes all cores but one, so playback keeps one.
    setTorchThreadsForThisThread(std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1));
    job_.reset();
    model_ = avqa::loadModel(path.toStdString(), DeviceRequest::Auto);
    // One forward on zero inputs before the first question: the model's one-time start-up
    // costs are paid here, and a model that breaks the contract is refused now, not mid-ask.
    explainModel(*model_);
    std::optional<FeatureCache> cache;
    if (!feature_cache_root_.isEmpty()) cache.emplace(feature_cache_root_.toStdString());
    job_ = std::make_unique<AskJob>(*model_, std::move(cache));
    emit modelLoaded(QString::fromStdString(model_->info().name), QString::fromStdString(model_->deviceName()), path);
  } catch (const std::exception& error) {
    job_.reset();
    model_.reset();
    emit failed(QString::fromStdString(error.what()));
  }
}

void ModelWorker::ask(const AskIntent& intent, const CancelToken& cancel) {
  const QString& video = intent.video;
  const QString& audio = intent.audio;
  const Hearing hearing = intent.hearing;
  if (!job_) {
    emit failed(QStringLiteral("Load a model first (Model…)."));
    return;
  }
  try {
    AskRequest request;
    request.media.video_path = video.toStdString();
    request.media.audio_path = audio.toStdString();
    request.media.hearing = hearing;
    request.question = intent.question.toStdString();
    request.saliency = intent.saliency;
    // A model on released .npy features reads them from the project's feature folders.
    const ModelInfo& model_info = model_->info();
    if (!project_ && !(model_info.encoders.count("audio") && model_info.encoders.count("visual"))) {
      throw AvqaError(model_info.file, "model " + model_info.name + " reads " + model_info.audio.kind + " and " + model_info.visual.kind +
                                           " features from .npy files: open a project and add their folder (File > Add feature folder)");
    }
    if (project_) request.media.features_dir = projectFeatureFolder(*project_, model_->info(), QFileInfo(video).completeBaseName().toStdString());
    AskOutcome outcome;
    outcome.audio_path = audio;
    outcome.hearing = hearing;
    outcome.question = intent.question;
    outcome.video_path = video;
    outcome.result = job_->run(request, cancel, [this](const std::string& stage, double fraction) {
      emit progress(QString::fromStdString(stage), fraction);
    });
    outcome.step_frames = MediaSampler(request.media.video_path).framesAt(stepFrameTimes(outcome.result.prediction.steps), cancel);
    const ModelInfo& info = model_->info();
    outcome.model_name = QString::fromStdString(info.name);
    // Read-only projects show answers without storing them; an answer in silence is a check.
    if (project_ && project_->access() == DbConnection::Access::ReadWrite && hearing == Hearing::Recorded) {
      try {
        outcome.stored_ask_id = AskStore(*project_).add(
            storedAskOf(QFileInfo(video).completeBaseName().toStdString(), request, info, outcome.result));
      } catch (const std::exception& error) {
        emit failed(QStringLiteral("The answer was not stored: %1").arg(QString::fromUtf8(error.what())));
      }
    }
    emit answered(outcome);
  } catch (const Cancelled&) {
    emit failed(QStringLiteral("Cancelled."));
  } catch (const std::exception& error) {
    emit failed(QString::fromStdString(error.what()));
  }
}

void ModelWorker::setProbe(const QString& executable, const QString& vetted_list_path) {
  probe_ = std::make_unique<ModelProbe>(executable, vetted_list_path);
}

void ModelWorker::setProject(const QString& path) {
  try {
    project_.reset();
    if (!path.isEmpty()) project_ = std::make_unique<ProjectStore>(path.toStdString(), DbConnection::OpenMode::MustExist);
    emit projectOpened(path);
  } catch (const std::exception& error) {
    emit failed(QString::fromUtf8(error.what()));
  }
}

}  // namespace avqa
