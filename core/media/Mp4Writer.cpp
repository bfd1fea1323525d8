#include "media/Mp4Writer.h"

#include <QImage>
#include <cmath>
#include <functional>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/log.h>
#include <libavutil/display.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include "common/AvqaError.h"

namespace avqa {
namespace {

std::string errorText(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

// 4:2:0 halves chroma in both directions and needs even sizes; odd sizes keep full chroma.
AVPixelFormat pixelFormat(const Mp4Format& format) {
  return format.width % 2 == 0 && format.height % 2 == 0 ? AV_PIX_FMT_YUV420P : AV_PIX_FMT_YUV444P;
}

}  // namespace

struct Mp4Writer::Impl {
  std::string path;
  Mp4Format format;
  AVFormatContext* container = nullptr;
  AVCodecContext* video = nullptr;
  AVCodecContext* audio = nullptr;
  AVStream* video_stream = nullptr;
  AVStream* audio_stream = nullptr;
  SwsContext* scaler = nullptr;
  AVFrame* video_frame = nullptr;
  AVFrame* audio_frame = nullptr;
  AVPacket* packet = nullptr;
  std::int64_t next_video_pts = 0;
  std::int64_t next_audio_pts = 0;
  std::vector<float> pending_audio;
  bool finished = false;

  void check(int code, const char* what) const {
    if (code < 0) throw AvqaError(path, std::string(what) + ": " + errorText(code));
  }

  AVCodecContext* openEncoder(const AVCodec* codec, AVStream*& stream,
                              const std::function<void(AVCodecContext*)>& configure) {
    if (!codec) throw AvqaError(path, "this FFmpeg build lacks a needed encoder");
    AVCodecContext* context = avcodec_alloc_context3(codec);
    configure(context);
    if (container->oformat->flags & AVFMT_GLOBALHEADER) context->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    context->thread_count = 1;  // deterministic output; parallelism is across videos
    check(avcodec_open2(context, codec, nullptr), "cannot open encoder");
    stream = avformat_new_stream(container, nullptr);
    check(avcodec_parameters_from_context(stream->codecpar, context), "encoder parameters");
    stream->time_base = context->time_base;
    return context;
  }

  void drain(AVCodecContext* context, AVStream* stream) {
    while (true) {
      const int received = avcodec_receive_packet(context, packet);
      if (received == AVERROR(EAGAIN) || received == AVERROR_EOF) return;
      check(received, "encoding failed");
      av_packet_rescale_ts(packet, context->time_base, stream->time_base);
      packet->stream_index = stream->index;
      check(av_interleaved_write_frame(container, packet), "cannot write");
    }
  }

  void encodeAudioFrames(bool flush) {
    const int frame_size = audio->frame_size > 0 ? audio->frame_size : 1024;
    std::size_t offset = 0;
    while (pending_audio.size() - offset >= static_cast<std::size_t>(frame_size) ||
           (flush && offset < pending_audio.size())) {
      const int count = static_cast<int>(std::min<std::size_t>(frame_size, pending_audio.size() - offset));
      check(av_frame_make_writable(audio_frame), "audio frame");
      audio_frame->nb_samples = count;
      std::copy_n(pending_audio.begin() + static_cast<std::ptrdiff_t>(offset), count,
                  reinterpret_cast<float*>(audio_frame->data[0]));
      audio_frame->pts = next_audio_pts;
      next_audio_pts += count;
      check(avcodec_send_frame(audio, audio_frame), "audio encoding failed");
      drain(audio, audio_stream);
      offset += static_cast<std::size_t>(count);
    }
    pending_audio.erase(pending_audio.begin(), pending_audio.begin() + static_cast<std::ptrdiff_t>(offset));
  }

  void release() {
    sws_freeContext(scaler);
    av_frame_free(&video_frame);
    av_frame_free(&audio_frame);
    av_packet_free(&packet);
    avcodec_free_context(&video);
    avcodec_free_context(&audio);
    if (container) {
      if (container->pb) avio_closep(&container->pb);
      avformat_free_context(container);
      container = nullptr;
    }
  }
};

Mp4Writer::Mp4Writer(const std::string& path, const Mp4Format& format) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.path = path;
  m.format = format;
  av_log_set_level(AV_LOG_ERROR);  // encoder statistics are not for the user's terminal
  try {
    m.check(avformat_alloc_output_context2(&m.container, nullptr, "mp4", path.c_str()), "cannot create MP4");
    const AVCodec* h264 = avcodec_find_encoder_by_name("libx264");
    if (!h264) h264 = avcodec_find_encoder(AV_CODEC_ID_H264);
    m.video = m.openEncoder(h264, m.video_stream, [&](AVCodecContext* c) {
      c->width = format.width;
      c->height = format.height;
      c->pix_fmt = pixelFormat(format);
      c->time_base = format.variable_frame_rate ? AVRational{1, 1000} : AVRational{1, format.fps};
      if (!format.variable_frame_rate) c->framerate = AVRational{format.fps, 1};
      // A keyframe every second by default: cheap exact seeking when paused.
      c->gop_size = format.keyframe_interval_frames > 0 ? format.keyframe_interval_frames : format.fps;
      c->max_b_frames = 0;
      av_opt_set(c->priv_data, "preset", "veryfast", 0);
      av_opt_set(c->priv_data, "crf", std::to_string(format.crf).c_str(), 0);
    });
    if (format.rotation_deg != 0) {
      auto* matrix = reinterpret_cast<int32_t*>(av_stream_new_side_data(m.video_stream, AV_PKT_DATA_DISPLAYMATRIX, 9 * sizeof(int32_t)));
      av_display_rotation_set(matrix, format.rotation_deg);  // players turn frames clockwise by it
    }
    if (format.audio_sample_rate > 0) {
      m.audio = m.openEncoder(avcodec_find_encoder(AV_CODEC_ID_AAC), m.audio_stream, [&](AVCodecContext* c) {
        c->sample_fmt = AV_SAMPLE_FMT_FLTP;
        c->sample_rate = format.audio_sample_rate;
        av_channel_layout_default(&c->ch_layout, 1);
        c->bit_rate = 64000;
        c->time_base = AVRational{1, format.audio_sample_rate};
      });
    }
    m.check(avio_open(&m.container->pb, path.c_str(), AVIO_FLAG_WRITE), "cannot open for writing");
    m.check(avformat_write_header(m.container, nullptr), "cannot write MP4 header");

    m.packet = av_packet_alloc();
    m.video_frame = av_frame_alloc();
    m.video_frame->format = pixelFormat(format);
    m.video_frame->width = format.width;
    m.video_frame->height = format.height;
    m.check(av_frame_get_buffer(m.video_frame, 0), "video frame");
    if (m.audio) {
      m.audio_frame = av_frame_alloc();
      m.audio_frame->format = AV_SAMPLE_FMT_FLTP;
      m.audio_frame->sample_rate = format.audio_sample_rate;
      av_channel_layout_default(&m.audio_frame->ch_layout, 1);
      m.audio_frame->nb_samples = m.audio->frame_size > 0 ? m.audio->frame_size : 1024;
      m.check(av_frame_get_buffer(m.audio_frame, 0), "audio frame");
    }
    m.scaler = sws_getContext(format.width, format.height, AV_PIX_FMT_BGRA, format.width, format.height,
                              pixelFormat(format), SWS_BILINEAR, nullptr, nullptr, nullptr);
    if (!m.scaler) throw AvqaError(path, "cannot create the colour converter");
  } catch (...) {
    m.release();
    throw;
  }
}

Mp4Writer::~Mp4Writer() { impl_->release(); }

void Mp4Writer::writeVideoFrame(const QImage& frame) {
  Impl& m = *impl_;
  writeVideoFrameAt(frame, static_cast<double>(m.next_video_pts) / m.format.fps);
}

void Mp4Writer::writeVideoFrameAt(const QImage& frame, double time_s) {
  Impl& m = *impl_;
  const QImage image = frame.format() == QImage::Format_RGB32 ? frame : frame.convertToFormat(QImage::Format_RGB32);
  if (image.width() != m.format.width || image.height() != m.format.height) {
    throw AvqaError(m.path, "frame size differs from the video size");
  }
  m.check(av_frame_make_writable(m.video_frame), "video frame");
  const uint8_t* source[] = {image.constBits()};
  const int source_stride[] = {static_cast<int>(image.bytesPerLine())};
  sws_scale(m.scaler, source, source_stride, 0, image.height(), m.video_frame->data, m.video_frame->linesize);
  m.video_frame->pts = m.format.variable_frame_rate ? static_cast<std::int64_t>(std::llround(time_s * 1000.0))
                                                    : m.next_video_pts;
  ++m.next_video_pts;
  m.check(avcodec_send_frame(m.video, m.video_frame), "video encoding failed");
  m.drain(m.video, m.video_stream);
}

void Mp4Writer::writeAudio(const std::vector<float>& samples) {
  Impl& m = *impl_;
  if (!m.audio) throw AvqaError(m.path, "was opened without an audio stream");
  m.pending_audio.insert(m.pending_audio.end(), samples.begin(), samples.end());
  m.encodeAudioFrames(false);
}

void Mp4Writer::finish() {
  Impl& m = *impl_;
  if (m.finished) return;
  m.check(avcodec_send_frame(m.video, nullptr), "video flush");
  m.drain(m.video, m.video_stream);
  if (m.audio) {
    m.encodeAudioFrames(true);
    m.check(avcodec_send_frame(m.audio, nullptr), "audio flush");
    m.drain(m.audio, m.audio_stream);
  }
  m.check(av_write_trailer(m.container), "cannot finish MP4");
  m.finished = true;
}

}  // namespace avqa
