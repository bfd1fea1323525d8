#include "MediaWorker.h"

#include <QFileInfo>
#include <algorithm>

#include "PredictionJson.h"
#include "media/MediaSampler.h"
#include "storage/AskStore.h"
#include "storage/ProjectStore.h"

namespace avqa {

MediaWorker::MediaWorker() {
  qRegisterMetaType<avqa::AskOutcome>();
  qRegisterMetaType<std::vector<float>>();
}

void MediaWorker::openVideo(const QString& video) {
  try {
    const MediaSampler sampler(video.toStdString());
    const double first_shown = std::min(0.5, sampler.info().duration_s / 2);
    emit videoOpened(video, sampler.info().frame_rate, sampler.info().duration_s);
    emit frameDecoded(sampler.framesAt({first_shown}, CancelToken()).front(), first_shown);
  } catch (const std::exception& error) {
    emit videoFailed(video, QString::fromStdString(error.what()));
  }
}

void MediaWorker::restoreAsks(const QString& project_path, const QString& video) {
  if (project_path.isEmpty()) return;
  try {
    // A connection of this thread's own: reading never waits for the model thread's writes.
    ProjectStore project(project_path.toStdString(), DbConnection::OpenMode::MustExist);
    std::vector<StoredAsk> asks = AskStore(project).forVideo(QFileInfo(video).completeBaseName().toStdString());
    if (asks.size() > 2) asks.erase(asks.begin(), asks.end() - 2);
    if (asks.empty()) return;
    const MediaSampler sampler(video.toStdString());
    for (const StoredAsk& ask : asks) {
      RestoredPrediction stored_prediction = predictionFromJson(ask.prediction_json, project.path() + ", ask " + std::to_string(ask.id));
      AskOutcome outcome;
      outcome.question = QString::fromStdString(ask.question);
      outcome.model_name = QString::fromStdString(ask.model_name);
      outcome.video_path = video;
      outcome.stored_ask_id = ask.id;
      outcome.restored = true;
      outcome.result.prediction = std::move(stored_prediction.prediction);
      outcome.result.media = sampler.info();
      outcome.step_frames = sampler.framesAt(stepFrameTimes(outcome.result.prediction.steps), CancelToken());
      emit restored(outcome);
    }
  } catch (const std::exception& error) {
    emit failed(QString::fromUtf8(error.what()));
  }
}

void MediaWorker::decodeFrame(const QString& video, double time_s) {
  try {
    emit frameDecoded(MediaSampler(video.toStdString()).framesAt({time_s}, CancelToken()).front(), time_s);
  } catch (const std::exception& error) {
    emit failed(QString::fromStdString(error.what()));
  }
}

}  // namespace avqa
