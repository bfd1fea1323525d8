#pragma once

#include <QImage>
#include <string>
#include <vector>

#include "common/CancelToken.h"

namespace avqa {

struct MediaInfo {
  double duration_s = 0.0;
  int width = 0;         // as displayed: rotation applied
  int height = 0;
  int rotation_deg = 0;  // clockwise rotation applied to decoded frames (0, 90, 180, 270)
  bool has_audio = false;
  double keyframe_interval_s = 0.0;  // mean, from the container index (0: unknown)
  double frame_rate = 0.0;           // average frames per second (0: unknown)
};

// Reads exactly what a model needs from a video file with FFmpeg.
class MediaSampler {
 public:
  // Refuses, naming the file, what is not a readable video (no video stream, truncated...).
  explicit MediaSampler(std::string path);

  const MediaInfo& info() const { return info_; }

  // The frame displayed at each time (the last frame whose timestamp is <= t), rotated as
  // displayed. Each needed frame is decoded once: one sequential pass, or a seek per time
  // when keyframes are dense enough that seeking decodes less.
  std::vector<QImage> framesAt(const std::vector<double>& times_s, const CancelToken& cancel) const;

  // The whole audio track as mono float at `sample_rate`; empty when there is none.
  std::vector<float> audioMono(int sample_rate, const CancelToken& cancel) const;

 private:
  std::string path_;
  MediaInfo info_;
};

}  // namespace avqa
