#include "media/MediaFileDecoder.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/log.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <memory>

#include "common/AvqaError.h"

namespace avqa {
namespace {

std::string errorText(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

struct FormatCloser {
  void operator()(AVFormatContext* context) const { avformat_close_input(&context); }
};
struct CodecFreer {
  void operator()(AVCodecContext* context) const { avcodec_free_context(&context); }
};
struct FrameFreer {
  void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct PacketFreer {
  void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct SwrFreer {
  void operator()(SwrContext* context) const { swr_free(&context); }
};
struct SwsFreer {
  void operator()(SwsContext* context) const { sws_freeContext(context); }
};

std::unique_ptr<AVCodecContext, CodecFreer> openDecoder(AVFormatContext* format, int stream, const std::string& path) {
  const AVCodecParameters* parameters = format->streams[stream]->codecpar;
  const AVCodec* codec = avcodec_find_decoder(parameters->codec_id);
  if (!codec) throw AvqaError(path, "no decoder for its codec");
  std::unique_ptr<AVCodecContext, CodecFreer> context(avcodec_alloc_context3(codec));
  avcodec_parameters_to_context(context.get(), parameters);
  if (int code = avcodec_open2(context.get(), codec, nullptr); code < 0) throw AvqaError(path, "cannot open decoder: " + errorText(code));
  return context;
}

}  // namespace

DecodedMedia decodeMediaFile(const std::string& path, int audio_sample_rate) {
  av_log_set_level(AV_LOG_ERROR);
  AVFormatContext* raw_format = nullptr;
  if (int code = avformat_open_input(&raw_format, path.c_str(), nullptr, nullptr); code < 0) {
    throw AvqaError(path, "cannot open media: " + errorText(code));
  }
  std::unique_ptr<AVFormatContext, FormatCloser> format(raw_format);
  if (int code = avformat_find_stream_info(format.get(), nullptr); code < 0) {
    throw AvqaError(path, "cannot read streams: " + errorText(code));
  }
  const int video_index = av_find_best_stream(format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  const int audio_index = av_find_best_stream(format.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
  if (video_index < 0) throw AvqaError(path, "has no video stream");

  DecodedMedia media;
  media.audio_sample_rate = audio_sample_rate;
  auto video = openDecoder(format.get(), video_index, path);
  std::unique_ptr<AVCodecContext, CodecFreer> audio;
  std::unique_ptr<SwrContext, SwrFreer> resampler;
  if (audio_index >= 0) {
    audio = openDecoder(format.get(), audio_index, path);
    AVChannelLayout mono;
    av_channel_layout_default(&mono, 1);
    SwrContext* swr = nullptr;
    if (swr_alloc_set_opts2(&swr, &mono, AV_SAMPLE_FMT_FLT, audio_sample_rate, &audio->ch_layout, audio->sample_fmt,
                            audio->sample_rate, 0, nullptr) < 0 || swr_init(swr) < 0) {
      swr_free(&swr);
      throw AvqaError(path, "cannot resample its audio");
    }
    resampler.reset(swr);
  }
  media.width = video->width;
  media.height = video->height;
  std::unique_ptr<SwsContext, SwsFreer> scaler;
  const AVRational video_time_base = format->streams[video_index]->time_base;
  std::unique_ptr<AVFrame, FrameFreer> frame(av_frame_alloc());
  std::unique_ptr<AVPacket, PacketFreer> packet(av_packet_alloc());

  const auto take_video = [&] {
    while (avcodec_receive_frame(video.get(), frame.get()) == 0) {
      if (!scaler) {
        scaler.reset(sws_getContext(frame->width, frame->height, static_cast<AVPixelFormat>(frame->format), frame->width,
                                    frame->height, AV_PIX_FMT_BGRA, SWS_BILINEAR, nullptr, nullptr, nullptr));
      }
      QImage image(frame->width, frame->height, QImage::Format_RGB32);
      uint8_t* destination[] = {image.bits()};
      const int stride[] = {static_cast<int>(image.bytesPerLine())};
      sws_scale(scaler.get(), frame->data, frame->linesize, 0, frame->height, destination, stride);
      const std::int64_t pts = frame->best_effort_timestamp == AV_NOPTS_VALUE ? 0 : frame->best_effort_timestamp;
      media.frames.push_back({static_cast<double>(pts) * av_q2d(video_time_base), std::move(image)});
    }
  };
  const auto take_audio = [&](bool flush) {
    while (true) {
      const AVFrame* input = nullptr;
      if (!flush) {
        if (avcodec_receive_frame(audio.get(), frame.get()) != 0) return;
        input = frame.get();
      }
      const int capacity = swr_get_out_samples(resampler.get(), input ? input->nb_samples : 0) + 32;
      std::vector<float> out(static_cast<std::size_t>(capacity));
      uint8_t* destination[] = {reinterpret_cast<uint8_t*>(out.data())};
      const int converted = swr_convert(resampler.get(), destination, capacity,
                                        input ? const_cast<const uint8_t**>(input->extended_data) : nullptr,
                                        input ? input->nb_samples : 0);
      if (converted > 0) media.audio.insert(media.audio.end(), out.begin(), out.begin() + converted);
      if (flush) return;
    }
  };

  while (av_read_frame(format.get(), packet.get()) >= 0) {
    if (packet->stream_index == video_index) {
      avcodec_send_packet(video.get(), packet.get());
      take_video();
    } else if (audio && packet->stream_index == audio_index) {
      avcodec_send_packet(audio.get(), packet.get());
      take_audio(false);
    }
    av_packet_unref(packet.get());
  }
  avcodec_send_packet(video.get(), nullptr);
  take_video();
  if (audio) {
    avcodec_send_packet(audio.get(), nullptr);
    take_audio(false);
    take_audio(true);
  }
  return media;
}

}  // namespace avqa
