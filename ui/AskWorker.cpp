#include "AskWorker.h"

#include <QThread>
#include <algorithm>
#include <cmath>
#include <thread>

#include <QFileInfo>

#include "ModelLoader.h"
#include "PredictionJson.h"
#include "storage/AskStore.h"
#include "storage/ProjectStore.h"
#include "common/AvqaError.h"
#include "media/LogMel.h"
#include "media/MediaSampler.h"

namespace avqa {

AskWorker::AskWorker() {
  qRegisterMetaType<avqa::AskOutcome>();
  qRegisterMetaType<std::vector<float>>();
}
AskWorker::~AskWorker() = default;

void AskWorker::loadModel(const QString& path) {
  try {
    // This thread runs the model: it takes all cores but one, so playback keeps one.
    setTorchThreadsForThisThread(std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1));
    job_.reset();
    model_ = avqa::loadModel(path.toStdString(), DeviceRequest::Auto);
    job_ = std::make_unique<AskJob>(*model_, FeatureCache(FeatureCache::defaultRoot()));
    emit modelLoaded(QString::fromStdString(model_->info().name), QString::fromStdString(model_->deviceName()));
  } catch (const std::exception& error) {
    emit failed(QString::fromStdString(error.what()));
  }
}

void AskWorker::ask(const QString& video, const QString& question, const CancelToken& cancel, const QString& audio) {
  if (!job_) {
    emit failed(QStringLiteral("Load a model first."));
    return;
  }
  try {
    AskRequest request;
    request.media.video_path = video.toStdString();
    request.media.audio_path = audio.toStdString();
    request.question = question.toStdString();
    AskOutcome outcome;
    outcome.audio_path = audio;
    outcome.question = question;
    outcome.result = job_->run(request, cancel, [this](const std::string& stage, double fraction) {
      emit progress(QString::fromStdString(stage), fraction);
    });
    std::vector<double> times;
    for (const TimeStep& step : outcome.result.prediction.steps) times.push_back(step.padded ? 0.0 : step.frameTime());
    outcome.step_frames = MediaSampler(request.media.video_path).framesAt(times, cancel);
    const ModelInfo& info = model_->info();
    outcome.model_name = QString::fromStdString(info.name);
    if (project_) {
      try {
        StoredAsk stored;
        stored.video_name = QFileInfo(video).completeBaseName().toStdString();
        stored.video_path = request.media.video_path + (audio.isEmpty() ? "" : " (sound: " + request.media.audio_path + ")");
        stored.question = request.question;
        stored.answer = outcome.result.prediction.answer();
        stored.model_name = info.name;
        stored.model_sha256 = info.file_sha256;
        for (const std::string& kind : info.featureKinds()) stored.feature_kinds += (stored.feature_kinds.empty() ? "" : ",") + kind;
        stored.prediction_json = predictionToJson(outcome.result.prediction, outcome.result.media.duration_s);
        outcome.stored_ask_id = AskStore(*project_).add(stored);
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

void AskWorker::setProject(const QString& path) {
  try {
    project_.reset();
    if (!path.isEmpty()) project_ = std::make_unique<ProjectStore>(path.toStdString(), SqliteConnection::OpenMode::MustExist);
    emit projectOpened(path);
  } catch (const std::exception& error) {
    emit failed(QString::fromUtf8(error.what()));
  }
}

void AskWorker::restoreAsks(const QString& video) {
  if (!project_) return;
  try {
    std::vector<StoredAsk> asks = AskStore(*project_).forVideo(QFileInfo(video).completeBaseName().toStdString());
    if (asks.size() > 2) asks.erase(asks.begin(), asks.end() - 2);
    const MediaSampler sampler(video.toStdString());
    for (const StoredAsk& ask : asks) {
      RestoredPrediction restored =
          predictionFromJson(ask.prediction_json, project_->path() + ", ask " + std::to_string(ask.id));
      AskOutcome outcome;
      outcome.question = QString::fromStdString(ask.question);
      outcome.model_name = QString::fromStdString(ask.model_name);
      outcome.stored_ask_id = ask.id;
      outcome.restored = true;
      outcome.result.prediction = std::move(restored.prediction);
      outcome.result.media = sampler.info();
      std::vector<double> times;
      for (const TimeStep& step : outcome.result.prediction.steps) times.push_back(step.padded ? 0.0 : step.frameTime());
      outcome.step_frames = sampler.framesAt(times, CancelToken());
      emit answered(outcome);
    }
  } catch (const std::exception& error) {
    emit failed(QString::fromUtf8(error.what()));
  }
}

void AskWorker::openVideo(const QString& video) {
  try {
    const MediaSampler sampler(video.toStdString());
    const double first_shown = std::min(0.5, sampler.info().duration_s / 2);
    emit videoOpened(video, sampler.info().frame_rate, sampler.info().duration_s);
    emit frameDecoded(sampler.framesAt({first_shown}, CancelToken()).front(), first_shown);
    const std::vector<float> audio = sampler.audioMono(LogMelExtractor::kSampleRate, CancelToken());
    if (!audio.empty()) emitAudioOverview(audio, sampler.info().duration_s);
  } catch (const std::exception& error) {
    emit failed(QString::fromStdString(error.what()));
  }
}

void AskWorker::emitAudioOverview(const std::vector<float>& audio, double duration_s) {
  constexpr std::size_t kColumns = 800;
  std::vector<float> envelope(kColumns, 0.0f);
  for (std::size_t i = 0; i < audio.size(); ++i) {
    float& peak = envelope[i * kColumns / audio.size()];
    peak = std::max(peak, std::abs(audio[i]));
  }
  // Log-mel examples laid end to end (96 frames = 0.96 s each), one column per frame.
  LogMelExtractor log_mel;
  std::vector<float> frames;
  const long example_samples = LogMelExtractor::kFrames * LogMelExtractor::kHop;
  for (long start = 0; start < static_cast<long>(audio.size()); start += example_samples) {
    const std::vector<float> example = log_mel.example(audio, start);
    frames.insert(frames.end(), example.begin(), example.end());
  }
  const int columns = static_cast<int>(frames.size() / LogMelExtractor::kBands);
  QImage spectrogram(std::max(1, columns), LogMelExtractor::kBands, QImage::Format_Grayscale8);
  const auto [low, high] = std::minmax_element(frames.begin(), frames.end());
  const float range = std::max(1e-6f, *high - *low);
  for (int band = 0; band < LogMelExtractor::kBands; ++band) {
    uchar* line = spectrogram.scanLine(LogMelExtractor::kBands - 1 - band);  // low bands at the bottom
    for (int column = 0; column < columns; ++column) {
      line[column] = static_cast<uchar>((frames[static_cast<std::size_t>(column * LogMelExtractor::kBands + band)] - *low) / range * 255.0f);
    }
  }
  emit audioOverview(envelope, spectrogram, duration_s);
}

void AskWorker::decodeFrame(const QString& video, double time_s) {
  try {
    emit frameDecoded(MediaSampler(video.toStdString()).framesAt({time_s}, CancelToken()).front(), time_s);
  } catch (const std::exception& error) {
    emit failed(QString::fromStdString(error.what()));
  }
}

}  // namespace avqa
