#pragma once

#include <memory>
#include <vector>

namespace avqa {

// VGGish's log-mel front end: 16 kHz mono, 25 ms Hann windows every 10 ms, |FFT| on 512
// points, 64 HTK mel bands from 125 to 7500 Hz, log(mel + 0.01), examples of 96 frames
// (0.96 s). One object per thread (it owns FFT plans and buffers).
class LogMelExtractor {
 public:
  static constexpr int kSampleRate = 16000;
  static constexpr int kWindow = 400;
  static constexpr int kHop = 160;
  static constexpr int kFftSize = 512;
  static constexpr int kBands = 64;
  static constexpr int kFrames = 96;
  static constexpr int kExampleSamples = (kFrames - 1) * kHop + kWindow;  // 15600

  LogMelExtractor();
  ~LogMelExtractor();
  LogMelExtractor(const LogMelExtractor&) = delete;
  LogMelExtractor& operator=(const LogMelExtractor&) = delete;

  // The [96 x 64] example (row-major) of the 0.96 s starting at `start_sample`; samples
  // past the end of `audio` count as silence.
  std::vector<float> example(const std::vector<float>& audio, long start_sample);

  // Centre frequency in Hz of mel band `band` (for tests and display).
  static double bandCentreHz(int band);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace avqa
