#pragma once

#include <mutex>
#include <string>
#include <vector>

namespace avqa::synth {

// Speech from the espeak-ng library, for voice-overs. espeak-ng is one engine per process:
// a SpeechSynthesizer holds it (others wait) until destroyed; share the phrases it made.
class SpeechSynthesizer {
 public:
  SpeechSynthesizer();
  ~SpeechSynthesizer();
  SpeechSynthesizer(const SpeechSynthesizer&) = delete;
  SpeechSynthesizer& operator=(const SpeechSynthesizer&) = delete;

  // Mono float samples at `sample_rate`.
  std::vector<float> speak(const std::string& text, int sample_rate);

 private:
  std::lock_guard<std::mutex> lock_;
  int native_rate_ = 22050;
};

// The voice-over lines the benchmark uses (index = Scene::voiceover_phrase).
const std::vector<std::string>& voiceoverPhrases();

}  // namespace avqa::synth
