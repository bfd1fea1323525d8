#include "AttentionVideo.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "FocusCurve.h"
#include "HeatmapPainter.h"
#include "StepHeatmap.h"
#include "media/MediaSampler.h"
#include "media/Mp4Writer.h"

namespace avqa {
namespace {

constexpr int kWidth = 640;
constexpr int kCaptionHeight = 44;
constexpr int kTimelineHeight = 90;

void paintTimeline(QPainter& painter, const QRect& area, const Prediction& p, HeatmapKind map, double duration_s, double time_s) {
  painter.fillRect(area, QColor(30, 31, 34));
  const auto x_at = [&](double t) { return area.left() + 8 + (area.width() - 16) * t / std::max(duration_s, 1e-6); };
  const double top = area.top() + 8;
  const double bottom = area.bottom() - 18;
  if (const std::vector<float>* weights = stepWeightsFor(p, map)) {
    const bool saliency = map == HeatmapKind::Saliency;
    paintFocusCurve(painter,
                    {QString(), saliency ? QColor(90, 200, 230) : QColor(240, 140, 60), *weights,
                     saliency ? std::vector<float>{} : p.temporal_selected.value_or(std::vector<float>{}), p.steps},
                    x_at, top, bottom);
  }
  painter.setPen(QColor(160, 160, 165));
  painter.drawText(QRectF(area.left() + 8, bottom + 2, 100, 14), Qt::AlignLeft, QStringLiteral("0 s"));
  painter.drawText(QRectF(area.right() - 108, bottom + 2, 100, 14), Qt::AlignRight, QString::number(duration_s, 'f', 1) + " s");
  painter.setPen(QPen(Qt::white, 2));
  painter.drawLine(QPointF(x_at(time_s), top), QPointF(x_at(time_s), bottom));
}

}  // namespace

void renderAttentionVideo(const AskResult& result, const std::string& video_path, const QString& question,
                          const std::vector<HeatmapKind>& maps, const std::string& out_path, const CancelToken& cancel) {
  const HeatmapKind map = maps.empty() ? HeatmapKind::QuestionGuided : maps.front();  // the timeline follows the first
  const int panels = std::max<int>(1, static_cast<int>(maps.size()));
  const MediaSampler sampler(video_path);
  const MediaInfo& info = sampler.info();
  const int fps = static_cast<int>(std::clamp(std::round(info.frame_rate > 0 ? info.frame_rate : 25.0), 1.0, 30.0));
  const int video_height = (static_cast<int>(std::round(kWidth * static_cast<double>(info.height) / std::max(1, info.width))) + 1) / 2 * 2;
  Mp4Format format;
  format.width = kWidth * panels;
  format.height = kCaptionHeight + video_height + kTimelineHeight;
  format.fps = fps;
  format.audio_sample_rate = info.has_audio ? 16000 : 0;
  Mp4Writer writer(out_path, format);
  const Prediction& p = result.prediction;
  QString caption = QStringLiteral("%1  →  %2").arg(question, QString::fromStdString(p.answer()));
  if (panels > 1) {
    QString names;
    for (HeatmapKind kind : maps) names += (names.isEmpty() ? QString() : QStringLiteral(" | ")) + QString::fromLatin1(heatmapKindName(kind));
    caption += QStringLiteral("    (%1)").arg(names);
  }
  if (std::find(maps.begin(), maps.end(), HeatmapKind::Saliency) != maps.end()) caption += saliencyLabel(p, HeatmapKind::Saliency);
  const int frame_count = std::max(1, static_cast<int>(std::floor(info.duration_s * fps)));
  constexpr int kBatch = 48;  // frames decoded at a time: bounded memory for long videos
  for (int first = 0; first < frame_count; first += kBatch) {
    cancel.throwIfCancelled();
    std::vector<double> times;
    for (int i = first; i < std::min(frame_count, first + kBatch); ++i) times.push_back((i + 0.5) / fps);
    const std::vector<QImage> frames = sampler.framesAt(times, cancel);
    for (std::size_t i = 0; i < frames.size(); ++i) {
      const double time_s = times[i];
      QImage canvas(format.width, format.height, QImage::Format_RGB32);
      canvas.fill(QColor(18, 18, 20));
      QPainter painter(&canvas);
      painter.setRenderHint(QPainter::SmoothPixmapTransform);
      painter.setRenderHint(QPainter::Antialiasing);
      for (int panel = 0; panel < panels; ++panel) {
        HeatmapChoice choice;
        choice.kind = maps.empty() ? map : maps[static_cast<std::size_t>(panel)];
        QImage frame = frames[i];
        const std::optional<FrameHeatmap> heat = stepHeatmap(p, stepAtTime(p.steps, time_s), choice);
        if (heat) frame = blendHeatmap(frame, *heat, Colormap::Inferno, 0.65f, HeatmapSampling::Smooth);
        painter.drawImage(QRect(panel * kWidth, kCaptionHeight, kWidth, video_height), frame);
      }
      QFont font = painter.font();
      font.setPixelSize(18);
      painter.setFont(font);
      painter.setPen(QColor(240, 240, 240));
      painter.drawText(QRect(10, 0, format.width - 20, kCaptionHeight), Qt::AlignVCenter | Qt::AlignLeft, caption);
      font.setPixelSize(11);
      painter.setFont(font);
      paintTimeline(painter, QRect(0, kCaptionHeight + video_height, format.width, kTimelineHeight), p, map, info.duration_s, time_s);
      painter.end();
      writer.writeVideoFrame(canvas);
    }
  }
  if (info.has_audio) writer.writeAudio(sampler.audioMono(16000, cancel));
  writer.finish();
}

}  // namespace avqa
