#pragma once

// FFmpeg ownership helpers shared by the media readers and writers (not a public header of
// core: it includes the FFmpeg C headers).

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/log.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <memory>
#include <vector>
#include <string>

namespace avqa::ffmpeg {

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

using FormatPtr = std::unique_ptr<AVFormatContext, FormatCloser>;
using CodecPtr = std::unique_ptr<AVCodecContext, CodecFreer>;
using FramePtr = std::unique_ptr<AVFrame, FrameFreer>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFreer>;
using SwrPtr = std::unique_ptr<SwrContext, SwrFreer>;
using SwsPtr = std::unique_ptr<SwsContext, SwsFreer>;

std::string errorText(int code);

// Opens a media file and reads its stream info; AvqaError naming the file otherwise.
FormatPtr openInput(const std::string& path);

// Opens the decoder of one stream.
CodecPtr openDecoder(AVFormatContext* format, int stream, const std::string& path);

// A resampler from the decoder's audio to mono float at `sample_rate`.
SwrPtr monoResampler(AVCodecContext* audio, int sample_rate, const std::string& path);

// Appends what `input` (null: flush) resamples to.
void resampleInto(SwrContext* resampler, const AVFrame* input, std::vector<float>& out);

}  // namespace avqa::ffmpeg
