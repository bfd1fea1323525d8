#pragma once

#include <cstdint>

#include "synthetic/Scene.h"

namespace avqa::synth {

struct SceneOptions {
  int duration_s = 10;
  int width = 320;
  int height = 240;
  int fps = 12;
};

// Draws a random ensemble: 1-3 visible players in left/middle/right slots (sometimes the
// same instrument several times), sometimes one more sounding off-screen, silent-but-visible
// players, one sounding segment per player with its own loudness and rhythm, an optional
// voice-over, an indoor or outdoor stage. Same seed, same scene.
Scene generateScene(const std::string& video_id, std::uint64_t seed, const SceneOptions& options);

// Where a player in `slot` stands on a frame of the given size.
PixelBox slotBox(Slot slot, int width, int height);

// Mixes a run seed and a video index into an independent per-video seed (SplitMix64).
std::uint64_t videoSeed(std::uint64_t run_seed, std::uint64_t index);

}  // namespace avqa::synth
