#include "synthetic/Scene.h"

#include <algorithm>

namespace avqa::synth {

const char* slotName(Slot slot) {
  switch (slot) {
    case Slot::Left: return "left";
    case Slot::Middle: return "middle";
    case Slot::Right: return "right";
    case Slot::Offscreen: return "offscreen";
  }
  return "offscreen";
}

bool ScenePlayer::soundsAt(int second) const {
  return std::binary_search(sounding_seconds.begin(), sounding_seconds.end(), second);
}

double Scene::meanLoudnessDb(int player_id) const {
  double sum = 0.0;
  int count = 0;
  for (const auto& second : loudness_db) {
    auto it = second.find(player_id);
    if (it != second.end()) {
      sum += it->second;
      ++count;
    }
  }
  return count > 0 ? sum / count : -120.0;
}

const ScenePlayer* Scene::playerAt(Slot slot) const {
  for (const ScenePlayer& player : players) {
    if (player.slot == slot) return &player;
  }
  return nullptr;
}

}  // namespace avqa::synth
