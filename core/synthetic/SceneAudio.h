#pragma once

#include <memory>
#include <string>
#include <vector>

#include "synthetic/Scene.h"

namespace avqa::synth {

// Debian's timgm6mb-soundfont: the default, so a seed means the same audio on every machine.
const char* defaultSoundfontPath();

// Plays a scene's notes with FluidSynth, one player at a time so that each player's loudness
// per second can be measured on its own track, then mixes them (and the voice-over).
// One renderer per thread: it owns its synthesizer.
class SceneAudioRenderer {
 public:
  SceneAudioRenderer(const std::string& soundfont_path, int sample_rate);
  ~SceneAudioRenderer();
  SceneAudioRenderer(const SceneAudioRenderer&) = delete;
  SceneAudioRenderer& operator=(const SceneAudioRenderer&) = delete;

  // Fills scene.loudness_db and returns the mono mix, scene.duration_s seconds long.
  std::vector<float> render(Scene& scene, const std::vector<float>& voiceover);

 private:
  std::vector<float> renderPlayer(const ScenePlayer& player, int duration_s);
  void startSynth();

  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string soundfont_path_;
  int sample_rate_;
};

// Level of a stretch of samples in dB full scale (RMS); -120 for silence.
double rmsDb(const float* samples, std::size_t count);

}  // namespace avqa::synth
