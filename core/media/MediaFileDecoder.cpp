#include "media/MediaFileDecoder.h"

#include "common/AvqaError.h"
#include "media/FfmpegSupport.h"

namespace avqa {

DecodedMedia decodeMediaFile(const std::string& path, int audio_sample_rate) {
  using namespace ffmpeg;
  FormatPtr format = openInput(path);
  const int video_index = av_find_best_stream(format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  const int audio_index = av_find_best_stream(format.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
  if (video_index < 0) throw AvqaError(path, "has no video stream");

  DecodedMedia media;
  media.audio_sample_rate = audio_sample_rate;
  CodecPtr video = openDecoder(format.get(), video_index, path);
  CodecPtr audio;
  SwrPtr resampler;
  if (audio_index >= 0) {
    audio = openDecoder(format.get(), audio_index, path);
    resampler = monoResampler(audio.get(), audio_sample_rate, path);
  }
  media.width = video->width;
  media.height = video->height;
  SwsPtr scaler;
  const AVRational video_time_base = format->streams[video_index]->time_base;
  FramePtr frame(av_frame_alloc());
  PacketPtr packet(av_packet_alloc());

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
  const auto take_audio = [&] {
    while (avcodec_receive_frame(audio.get(), frame.get()) == 0) resampleInto(resampler.get(), frame.get(), media.audio);
  };

  while (av_read_frame(format.get(), packet.get()) >= 0) {
    if (packet->stream_index == video_index) {
      avcodec_send_packet(video.get(), packet.get());
      take_video();
    } else if (audio && packet->stream_index == audio_index) {
      avcodec_send_packet(audio.get(), packet.get());
      take_audio();
    }
    av_packet_unref(packet.get());
  }
  avcodec_send_packet(video.get(), nullptr);
  take_video();
  if (audio) {
    avcodec_send_packet(audio.get(), nullptr);
    take_audio();
    resampleInto(resampler.get(), nullptr, media.audio);
  }
  return media;
}

}  // namespace avqa
