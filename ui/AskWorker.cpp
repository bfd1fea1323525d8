#include "AskWorker.h"

#include <QThread>
#include <algorithm>
#include <thread>

#include "TorchScriptModel.h"
#include "common/AvqaError.h"
#include "media/MediaSampler.h"

namespace avqa {

AskWorker::AskWorker() { qRegisterMetaType<avqa::AskOutcome>(); }
AskWorker::~AskWorker() = default;

void AskWorker::loadModel(const QString& path) {
  try {
    // This thread runs the model: it takes all cores but one, so playback keeps one.
    setTorchThreadsForThisThread(std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1));
    job_.reset();
    model_ = loadTorchScriptModel(path.toStdString(), DeviceRequest::Auto);
    job_ = std::make_unique<AskJob>(*model_, FeatureCache(FeatureCache::defaultRoot()));
    emit modelLoaded(QString::fromStdString(model_->info().name), QString::fromStdString(model_->deviceName()));
  } catch (const std::exception& error) {
    emit failed(QString::fromStdString(error.what()));
  }
}

void AskWorker::ask(const QString& video, const QString& question, const CancelToken& cancel) {
  if (!job_) {
    emit failed(QStringLiteral("Load a model first."));
    return;
  }
  try {
    AskRequest request;
    request.media.video_path = video.toStdString();
    request.question = question.toStdString();
    AskOutcome outcome;
    outcome.question = question;
    outcome.result = job_->run(request, cancel, [this](const std::string& stage, double fraction) {
      emit progress(QString::fromStdString(stage), fraction);
    });
    std::vector<double> times;
    for (const TimeStep& step : outcome.result.prediction.steps) times.push_back(step.padded ? 0.0 : step.frameTime());
    outcome.step_frames = MediaSampler(request.media.video_path).framesAt(times, cancel);
    emit answered(outcome);
  } catch (const Cancelled&) {
    emit failed(QStringLiteral("Cancelled."));
  } catch (const std::exception& error) {
    emit failed(QString::fromStdString(error.what()));
  }
}

void AskWorker::openVideo(const QString& video) {
  try {
    const MediaSampler sampler(video.toStdString());
    const double first_shown = std::min(0.5, sampler.info().duration_s / 2);
    emit videoOpened(video, sampler.info().frame_rate, sampler.info().duration_s);
    emit frameDecoded(sampler.framesAt({first_shown}, CancelToken()).front(), first_shown);
  } catch (const std::exception& error) {
    emit failed(QString::fromStdString(error.what()));
  }
}

void AskWorker::decodeFrame(const QString& video, double time_s) {
  try {
    emit frameDecoded(MediaSampler(video.toStdString()).framesAt({time_s}, CancelToken()).front(), time_s);
  } catch (const std::exception& error) {
    emit failed(QString::fromStdString(error.what()));
  }
}

}  // namespace avqa
