#include "media/FfmpegSupport.h"

#include "common/AvqaError.h"

namespace avqa::ffmpeg {

std::string errorText(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

FormatPtr openInput(const std::string& path) {
  av_log_set_level(AV_LOG_ERROR);  // decoder chatter is not for the user's terminal
  AVFormatContext* raw = nullptr;
  if (int code = avformat_open_input(&raw, path.c_str(), nullptr, nullptr); code < 0) {
    throw AvqaError(path, "cannot open media: " + errorText(code));
  }
  FormatPtr format(raw);
  if (int code = avformat_find_stream_info(format.get(), nullptr); code < 0) {
    throw AvqaError(path, "cannot read its streams: " + errorText(code));
  }
  return format;
}

CodecPtr openDecoder(AVFormatContext* format, int stream, const std::string& path) {
  const AVCodecParameters* parameters = format->streams[stream]->codecpar;
  const AVCodec* codec = avcodec_find_decoder(parameters->codec_id);
  if (!codec) throw AvqaError(path, "no decoder for its codec");
  CodecPtr context(avcodec_alloc_context3(codec));
  avcodec_parameters_to_context(context.get(), parameters);
  context->thread_count = 1;
  if (int code = avcodec_open2(context.get(), codec, nullptr); code < 0) {
    throw AvqaError(path, "cannot open decoder: " + errorText(code));
  }
  return context;
}

SwrPtr monoResampler(AVCodecContext* audio, int sample_rate, const std::string& path) {
  AVChannelLayout mono;
  av_channel_layout_default(&mono, 1);
  SwrContext* swr = nullptr;
  if (swr_alloc_set_opts2(&swr, &mono, AV_SAMPLE_FMT_FLT, sample_rate, &audio->ch_layout, audio->sample_fmt,
                          audio->sample_rate, 0, nullptr) < 0 ||
      swr_init(swr) < 0) {
    swr_free(&swr);
    throw AvqaError(path, "cannot resample its audio");
  }
  return SwrPtr(swr);
}

void resampleInto(SwrContext* resampler, const AVFrame* input, std::vector<float>& out) {
  const int capacity = swr_get_out_samples(resampler, input ? input->nb_samples : 0) + 32;
  const std::size_t before = out.size();
  out.resize(before + static_cast<std::size_t>(capacity));
  uint8_t* destination[] = {reinterpret_cast<uint8_t*>(out.data() + before)};
  const int converted = swr_convert(resampler, destination, capacity,
                                    input ? const_cast<const uint8_t**>(input->extended_data) : nullptr,
                                    input ? input->nb_samples : 0);
  out.resize(before + static_cast<std::size_t>(std::max(converted, 0)));
}

}  // namespace avqa::ffmpeg
