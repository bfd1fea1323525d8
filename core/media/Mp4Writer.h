#pragma once

#include <memory>
#include <string>
#include <vector>

class QImage;

namespace avqa {

struct Mp4Format {
  int width = 320;
  int height = 240;
  int fps = 12;
  int audio_sample_rate = 16000;  // mono; 0 writes no audio stream
  int crf = 20;                   // H.264 quality (lower is better)
  int keyframe_interval_frames = 0;  // 0: one keyframe per second
  int rotation_deg = 0;           // display-matrix rotation stored in the file (clockwise)
  bool variable_frame_rate = false;  // frames carry their own times (writeVideoFrameAt)
};

// Writes an MP4 file with one H.264 video stream and one mono AAC audio stream through the
// FFmpeg libraries. Encoders run single-threaded so equal input gives equal output (videos
// are made in parallel, one per thread). Errors are AvqaError naming the file.
class Mp4Writer {
 public:
  Mp4Writer(const std::string& path, const Mp4Format& format);
  ~Mp4Writer();
  Mp4Writer(const Mp4Writer&) = delete;
  Mp4Writer& operator=(const Mp4Writer&) = delete;

  void writeVideoFrame(const QImage& frame);  // frames at 1/fps each, in order
  void writeVideoFrameAt(const QImage& frame, double time_s);  // variable_frame_rate files
  void writeAudio(const std::vector<float>& samples);  // any amount, in order
  void finish();  // flushes encoders and writes the trailer; the file is complete after it

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace avqa
