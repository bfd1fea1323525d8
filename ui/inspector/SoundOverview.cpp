#include "SoundOverview.h"

#include <QFileInfo>
#include <QPointer>
#include <algorithm>
#include <cmath>

#include "TaskList.h"
#include "TimelineView.h"
#include "media/LogMel.h"
#include "media/MediaSampler.h"

namespace avqa {

SoundOverview readSoundOverview(const QString& video, const CancelToken& cancel) {
  const MediaSampler sampler(video.toStdString());
  SoundOverview overview;
  overview.video = video;
  overview.duration_s = sampler.info().duration_s;
  const std::vector<float> audio = sampler.audioMono(LogMelExtractor::kSampleRate, cancel);
  if (audio.empty()) return overview;
  constexpr std::size_t kColumns = 800;
  overview.envelope.assign(kColumns, 0.0f);
  for (std::size_t i = 0; i < audio.size(); ++i) {
    float& peak = overview.envelope[i * kColumns / audio.size()];
    peak = std::max(peak, std::abs(audio[i]));
  }
  // Log-mel examples laid end to end (96 frames = 0.96 s each), one column per frame.
  LogMelExtractor log_mel;
  std::vector<float> frames;
  const long example_samples = LogMelExtractor::kFrames * LogMelExtractor::kHop;
  for (long start = 0; start < static_cast<long>(audio.size()); start += example_samples) {
    cancel.throwIfCancelled();
    const std::vector<float> example = log_mel.example(audio, start);
    frames.insert(frames.end(), example.begin(), example.end());
  }
  const int columns = static_cast<int>(frames.size() / LogMelExtractor::kBands);
  QImage spectrogram(std::max(1, columns), LogMelExtractor::kBands, QImage::Format_Grayscale8);
  spectrogram.fill(0);
  if (!frames.empty()) {
    const auto [low, high] = std::minmax_element(frames.begin(), frames.end());
    const float range = std::max(1e-6f, *high - *low);
    for (int band = 0; band < LogMelExtractor::kBands; ++band) {
      uchar* line = spectrogram.scanLine(LogMelExtractor::kBands - 1 - band);  // low bands at the bottom
      for (int column = 0; column < columns; ++column) {
        line[column] = static_cast<uchar>((frames[static_cast<std::size_t>(column * LogMelExtractor::kBands + band)] - *low) / range * 255.0f);
      }
    }
  }
  overview.spectrogram = spectrogram;
  return overview;
}

SoundOverviewLoader::SoundOverviewLoader(TaskList& tasks, TimelineView& timeline, QObject* parent)
    : QObject(parent), tasks_(tasks), timeline_(timeline) {
  qRegisterMetaType<avqa::SoundOverview>();
}

void SoundOverviewLoader::show(const QString& video) {
  wanted_video_ = video;
  for (BackgroundTask* task : tasks_.running()) {
    if (task->property("soundOverview").toBool()) task->cancel();  // an older video's sound
  }
  BackgroundTask* task = tasks_.start(tr("Reading the sound of %1").arg(QFileInfo(video).fileName()), [video](TaskContext& context) {
    return QVariant::fromValue(readSoundOverview(video, context.cancel));
  });
  task->setProperty("soundOverview", true);
  connect(task, &BackgroundTask::succeeded, this, [this](const QVariant& result) {
    const auto overview = result.value<SoundOverview>();
    if (overview.video != wanted_video_) return;
    if (overview.envelope.empty()) return;  // no sound track
    timeline_.setAudio(overview.envelope, overview.spectrogram, overview.duration_s);
    emit shown();
  });
}

}  // namespace avqa
