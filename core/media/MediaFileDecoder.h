#pragma once

#include <QImage>
#include <string>
#include <vector>

namespace avqa {

struct DecodedFrame {
  double time_s = 0.0;  // presentation time
  QImage image;         // RGB32
};

// Everything in a media file, decoded in one sequential pass: every video frame and the
// audio as mono float at `audio_sample_rate`. For short clips (tests, checks, thumbnails);
// the sampling pipeline for long videos keeps only the frames it needs.
struct DecodedMedia {
  std::vector<DecodedFrame> frames;
  std::vector<float> audio;
  int audio_sample_rate = 16000;
  int width = 0;
  int height = 0;
};

DecodedMedia decodeMediaFile(const std::string& path, int audio_sample_rate = 16000);

}  // namespace avqa
