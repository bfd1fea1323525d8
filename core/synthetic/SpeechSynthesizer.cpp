#include "synthetic/SpeechSynthesizer.h"

#include <espeak-ng/speak_lib.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "common/AvqaError.h"

namespace avqa::synth {
namespace {

int collectSamples(short* samples, int count, espeak_EVENT* events) {
  if (samples && count > 0 && events) {
    auto* out = static_cast<std::vector<float>*>(events->user_data);
    for (int i = 0; i < count; ++i) out->push_back(static_cast<float>(samples[i]) / 32768.0f);
  }
  return 0;  // continue
}

// espeak-ng keeps process-wide state and hangs when started again after espeak_Terminate,
// so the library is started once per process and left running.
int startEspeakOnce() {
  static std::once_flag started;
  static int sample_rate = 0;
  std::call_once(started, [] {
    sample_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0);
    if (sample_rate > 0) {
      espeak_SetSynthCallback(&collectSamples);
      espeak_SetVoiceByName("en");
      espeak_SetParameter(espeakRATE, 165, 0);
    }
  });
  return sample_rate;
}

std::mutex& speechMutex() {
  static std::mutex mutex;  // espeak-ng is one engine per process: one speaker at a time
  return mutex;
}

}  // namespace

const std::vector<std::string>& voiceoverPhrases() {
  static const std::vector<std::string> kPhrases = {
      "Welcome to the concert.", "Please listen to this piece.", "This is a live performance.",
      "Thank you for coming tonight."};
  return kPhrases;
}

SpeechSynthesizer::SpeechSynthesizer() : lock_(speechMutex()) {
  native_rate_ = startEspeakOnce();
  if (native_rate_ <= 0) throw AvqaError("espeak-ng", "cannot start speech synthesis (is espeak-ng-data installed?)");
}

SpeechSynthesizer::~SpeechSynthesizer() = default;

std::vector<float> SpeechSynthesizer::speak(const std::string& text, int sample_rate) {
  std::vector<float> native;
  // espeak-ng's wave generator carries its pitch-flutter phase from phrase to phrase, and
  // no API resets it: the same sequence of phrases in a fresh process gives the same
  // samples (so a seed gives the same files per run), a repeat inside one process does not.
  espeak_SetVoiceByName("en");
  espeak_SetParameter(espeakRATE, 165, 0);
  // Synchronous output: espeak_Synth returns once every sample went through the callback.
  espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &native);
  // Linear resampling to the scene's rate: speech is band-limited well below both rates.
  const double step = static_cast<double>(native_rate_) / sample_rate;
  std::vector<float> out(static_cast<std::size_t>(native.size() / step));
  for (std::size_t i = 0; i < out.size(); ++i) {
    const double position = static_cast<double>(i) * step;
    const std::size_t index = static_cast<std::size_t>(position);
    const double fraction = position - static_cast<double>(index);
    const float next = index + 1 < native.size() ? native[index + 1] : native[index];
    out[i] = static_cast<float>(native[index] * (1.0 - fraction) + next * fraction);
  }
  return out;
}

}  // namespace avqa::synth
