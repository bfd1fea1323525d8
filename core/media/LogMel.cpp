#include "media/LogMel.h"

#include <fftw3.h>

#include <cmath>
#include <mutex>

namespace avqa {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kMelLowHz = 125.0;
constexpr double kMelHighHz = 7500.0;
constexpr float kLogOffset = 0.01f;

double hzToMel(double hz) { return 1127.0 * std::log(1.0 + hz / 700.0); }
double melToHz(double mel) { return 700.0 * (std::exp(mel / 1127.0) - 1.0); }

// FFTW's planner is not thread-safe; plan creation is serialised, execution is not.
std::mutex& plannerMutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

struct LogMelExtractor::Impl {
  float* input = nullptr;
  fftwf_complex* output = nullptr;
  fftwf_plan plan = nullptr;
  std::vector<float> window;
  std::vector<float> weights;  // [kBands][kFftSize / 2 + 1]

  Impl() {
    input = fftwf_alloc_real(kFftSize);
    output = fftwf_alloc_complex(kFftSize / 2 + 1);
    {
      std::lock_guard<std::mutex> lock(plannerMutex());
      plan = fftwf_plan_dft_r2c_1d(kFftSize, input, output, FFTW_ESTIMATE);
    }
    window.resize(kWindow);
    for (int i = 0; i < kWindow; ++i) window[static_cast<std::size_t>(i)] = static_cast<float>(0.5 - 0.5 * std::cos(2.0 * kPi * i / kWindow));
    // Triangular HTK mel filters over the FFT bins (VGGish's spectrogram_to_mel_matrix).
    const int bins = kFftSize / 2 + 1;
    weights.assign(static_cast<std::size_t>(kBands * bins), 0.0f);
    const double low = hzToMel(kMelLowHz);
    const double high = hzToMel(kMelHighHz);
    for (int band = 0; band < kBands; ++band) {
      const double left = low + (high - low) * band / (kBands + 1);
      const double centre = low + (high - low) * (band + 1) / (kBands + 1);
      const double right = low + (high - low) * (band + 2) / (kBands + 1);
      for (int bin = 1; bin < bins; ++bin) {  // bin 0 (DC) stays out, as in VGGish
        const double mel = hzToMel(bin * static_cast<double>(kSampleRate) / kFftSize);
        const double rising = (mel - left) / (centre - left);
        const double falling = (right - mel) / (right - centre);
        weights[static_cast<std::size_t>(band * bins + bin)] = static_cast<float>(std::max(0.0, std::min(rising, falling)));
      }
    }
  }
  ~Impl() {
    std::lock_guard<std::mutex> lock(plannerMutex());
    fftwf_destroy_plan(plan);
    fftwf_free(input);
    fftwf_free(output);
  }
};

LogMelExtractor::LogMelExtractor() : impl_(std::make_unique<Impl>()) {}
LogMelExtractor::~LogMelExtractor() = default;

double LogMelExtractor::bandCentreHz(int band) {
  const double low = hzToMel(kMelLowHz);
  const double high = hzToMel(kMelHighHz);
  return melToHz(low + (high - low) * (band + 1) / (kBands + 1));
}

std::vector<float> LogMelExtractor::example(const std::vector<float>& audio, long start_sample) {
  Impl& m = *impl_;
  const int bins = kFftSize / 2 + 1;
  std::vector<float> result(static_cast<std::size_t>(kFrames * kBands));
  std::vector<float> magnitude(static_cast<std::size_t>(bins));
  for (int frame = 0; frame < kFrames; ++frame) {
    const long first = start_sample + static_cast<long>(frame) * kHop;
    for (int i = 0; i < kFftSize; ++i) {
      const long index = first + i;
      const float sample = i < kWindow && index >= 0 && index < static_cast<long>(audio.size()) ? audio[static_cast<std::size_t>(index)] : 0.0f;
      m.input[i] = i < kWindow ? sample * m.window[static_cast<std::size_t>(i)] : 0.0f;
    }
    fftwf_execute(m.plan);
    for (int bin = 0; bin < bins; ++bin) magnitude[static_cast<std::size_t>(bin)] = std::hypot(m.output[bin][0], m.output[bin][1]);
    for (int band = 0; band < kBands; ++band) {
      const float* weight = m.weights.data() + static_cast<std::size_t>(band * bins);
      float sum = 0.0f;
      for (int bin = 0; bin < bins; ++bin) sum += weight[bin] * magnitude[static_cast<std::size_t>(bin)];
      result[static_cast<std::size_t>(frame * kBands + band)] = std::log(sum + kLogOffset);
    }
  }
  return result;
}

}  // namespace avqa
