#include "media/MediaSampler.h"

#include <QTransform>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/AvqaError.h"
#include "media/FfmpegSupport.h"

namespace avqa {
namespace {

using namespace ffmpeg;

int videoStream(AVFormatContext* format, const std::string& path) {
  const int index = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (index < 0) throw AvqaError(path, "has no video stream");
  return index;
}

int rotationOf(const AVStream* stream) {
  const uint8_t* matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, nullptr);
  if (!matrix) return 0;
  const double degrees = -av_display_rotation_get(reinterpret_cast<const int32_t*>(matrix));
  int rounded = static_cast<int>(std::lround(degrees / 90.0)) * 90 % 360;
  return rounded < 0 ? rounded + 360 : rounded;
}

double seconds(std::int64_t pts, AVRational time_base) { return static_cast<double>(pts) * av_q2d(time_base); }

// Converts decoded frames to upright RGB32 images.
class FrameConverter {
 public:
  explicit FrameConverter(int rotation_deg) : rotation_deg_(rotation_deg) {}
  QImage convert(const AVFrame* frame) {
    if (!scaler_ || frame->width != width_ || frame->height != height_ || frame->format != format_) {
      width_ = frame->width;
      height_ = frame->height;
      format_ = frame->format;
      scaler_.reset(sws_getContext(width_, height_, static_cast<AVPixelFormat>(format_), width_, height_, AV_PIX_FMT_BGRA,
                                   SWS_BILINEAR, nullptr, nullptr, nullptr));
    }
    QImage image(width_, height_, QImage::Format_RGB32);
    uint8_t* destination[] = {image.bits()};
    const int stride[] = {static_cast<int>(image.bytesPerLine())};
    sws_scale(scaler_.get(), frame->data, frame->linesize, 0, height_, destination, stride);
    if (rotation_deg_ != 0) image = image.transformed(QTransform().rotate(rotation_deg_));
    return image;
  }

 private:
  int rotation_deg_;
  SwsPtr scaler_;
  int width_ = 0, height_ = 0, format_ = -1;
};

}  // namespace

MediaSampler::MediaSampler(std::string path) : path_(std::move(path)) {
  FormatPtr format = openInput(path_);
  const int index = videoStream(format.get(), path_);
  const AVStream* stream = format->streams[index];
  info_.rotation_deg = rotationOf(stream);
  const bool sideways = info_.rotation_deg == 90 || info_.rotation_deg == 270;
  info_.width = sideways ? stream->codecpar->height : stream->codecpar->width;
  info_.height = sideways ? stream->codecpar->width : stream->codecpar->height;
  if (info_.width <= 0 || info_.height <= 0) throw AvqaError(path_, "its video stream has no frame size");
  if (stream->duration != AV_NOPTS_VALUE) {
    info_.duration_s = seconds(stream->duration, stream->time_base);
  } else if (format->duration != AV_NOPTS_VALUE) {
    info_.duration_s = static_cast<double>(format->duration) / AV_TIME_BASE;
  }
  if (stream->avg_frame_rate.num > 0 && stream->avg_frame_rate.den > 0) info_.frame_rate = av_q2d(stream->avg_frame_rate);
  info_.has_audio = av_find_best_stream(format.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0) >= 0;
  int keyframes = 0;
  const int entries = avformat_index_get_entries_count(stream);
  for (int i = 0; i < entries; ++i) {
    if (avformat_index_get_entry(const_cast<AVStream*>(stream), i)->flags & AVINDEX_KEYFRAME) ++keyframes;
  }
  if (keyframes > 0 && info_.duration_s > 0) info_.keyframe_interval_s = info_.duration_s / keyframes;
}

std::vector<QImage> MediaSampler::framesAt(const std::vector<double>& times_s, const CancelToken& cancel) const {
  std::vector<QImage> result(times_s.size());
  if (times_s.empty()) return result;
  FormatPtr format = openInput(path_);
  const int index = videoStream(format.get(), path_);
  AVStream* stream = format->streams[index];
  CodecPtr decoder = openDecoder(format.get(), index, path_);
  FrameConverter converter(info_.rotation_deg);
  FramePtr frame(av_frame_alloc());
  FramePtr previous(av_frame_alloc());
  PacketPtr packet(av_packet_alloc());
  bool have_previous = false;

  std::vector<std::size_t> order(times_s.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return times_s[a] < times_s[b]; });
  double min_gap = info_.duration_s;
  for (std::size_t i = 1; i < order.size(); ++i) min_gap = std::min(min_gap, times_s[order[i]] - times_s[order[i - 1]]);
  // Seeking decodes about half a keyframe interval per time; a pass decodes everything.
  const bool seek = info_.keyframe_interval_s > 0 &&
                    info_.keyframe_interval_s * static_cast<double>(times_s.size()) / 2.0 < info_.duration_s &&
                    info_.keyframe_interval_s < min_gap;

  std::size_t next = 0;  // index into `order`
  constexpr double kEpsilon = 1e-4;
  // Hands out the previous frame to every pending time before `frame_time` (the next frame).
  // Several times may share a frame (padded steps all ask for 0 s): convert it once.
  const auto assign_until = [&](double frame_time) {
    QImage shown;
    while (next < order.size() && times_s[order[next]] + kEpsilon < frame_time) {
      if (have_previous && shown.isNull()) shown = converter.convert(previous.get());
      result[order[next]] = shown;
      ++next;
    }
  };
  const auto receive = [&](bool stop_after_target) {
    while (avcodec_receive_frame(decoder.get(), frame.get()) == 0) {
      const std::int64_t pts = frame->best_effort_timestamp == AV_NOPTS_VALUE ? 0 : frame->best_effort_timestamp;
      const double time = seconds(pts, stream->time_base);
      if (!have_previous && next < order.size() && times_s[order[next]] + kEpsilon < time) {
        // Before the first frame (a stream may start after 0 s, as WebM's often do): that
        // frame is what is shown, for every such time.
        const QImage first = converter.convert(frame.get());
        while (next < order.size() && times_s[order[next]] + kEpsilon < time) result[order[next++]] = first;
      }
      assign_until(time);
      av_frame_unref(previous.get());
      av_frame_move_ref(previous.get(), frame.get());
      have_previous = true;
      if (stop_after_target && next < order.size() && times_s[order[next]] + kEpsilon < time) return true;
    }
    return false;
  };

  if (seek) {
    while (next < order.size()) {
      cancel.throwIfCancelled();
      const double target = times_s[order[next]];
      const std::int64_t timestamp = static_cast<std::int64_t>(target / av_q2d(stream->time_base));
      av_seek_frame(format.get(), index, timestamp, AVSEEK_FLAG_BACKWARD);
      avcodec_flush_buffers(decoder.get());
      have_previous = false;
      const std::size_t before = next;
      bool reading = true;
      while (next == before && reading) {
        reading = av_read_frame(format.get(), packet.get()) >= 0;
        if (reading && packet->stream_index == index) avcodec_send_packet(decoder.get(), packet.get());
        if (!reading) avcodec_send_packet(decoder.get(), nullptr);
        av_packet_unref(packet.get());
        receive(true);
      }
      if (next == before) {  // past the last frame: the last frame stays on screen
        if (have_previous) result[order[next]] = converter.convert(previous.get());
        ++next;
      }
    }
  } else {
    while (next < order.size() && av_read_frame(format.get(), packet.get()) >= 0) {
      cancel.throwIfCancelled();
      if (packet->stream_index == index) {
        avcodec_send_packet(decoder.get(), packet.get());
        receive(false);
      }
      av_packet_unref(packet.get());
    }
    avcodec_send_packet(decoder.get(), nullptr);
    receive(false);
    while (next < order.size()) {  // times after the last frame
      if (have_previous) result[order[next]] = converter.convert(previous.get());
      ++next;
    }
  }
  if (std::any_of(result.begin(), result.end(), [](const QImage& image) { return image.isNull(); })) {
    throw AvqaError(path_, "no frame could be decoded (the file may be truncated or damaged)");
  }
  return result;
}

std::vector<float> MediaSampler::audioMono(int sample_rate, const CancelToken& cancel) const {
  std::vector<float> audio;
  FormatPtr format = openInput(path_);
  const int index = av_find_best_stream(format.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
  if (index < 0) return audio;
  CodecPtr decoder = openDecoder(format.get(), index, path_);
  SwrPtr resampler = monoResampler(decoder.get(), sample_rate, path_);
  FramePtr frame(av_frame_alloc());
  PacketPtr packet(av_packet_alloc());
  const auto receive = [&] {
    while (avcodec_receive_frame(decoder.get(), frame.get()) == 0) resampleInto(resampler.get(), frame.get(), audio);
  };
  while (av_read_frame(format.get(), packet.get()) >= 0) {
    cancel.throwIfCancelled();
    if (packet->stream_index == index) {
      avcodec_send_packet(decoder.get(), packet.get());
      receive();
    }
    av_packet_unref(packet.get());
  }
  avcodec_send_packet(decoder.get(), nullptr);
  receive();
  resampleInto(resampler.get(), nullptr, audio);
  return audio;
}

}  // namespace avqa
