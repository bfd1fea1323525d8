#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace avqa::synth {

enum class Slot { Left, Middle, Right, Offscreen };
const char* slotName(Slot slot);  // "left", "middle", "right", "offscreen"

struct PixelBox {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // x1, y1 exclusive
  bool contains(int x, int y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
};

struct Note {
  double start_s = 0.0;
  double duration_s = 0.0;
  int key = 60;  // MIDI key (a drum key for percussion)
  int velocity = 100;
};

struct ScenePlayer {
  int id = 0;
  std::string instrument;
  Slot slot = Slot::Middle;
  std::optional<PixelBox> box;      // none when off-screen
  std::vector<int> sounding_seconds;  // sorted; empty for a visible-but-silent player
  double notes_per_second = 0.0;    // rhythm density
  int volume = 100;                 // MIDI channel volume: how loud it plays
  std::vector<Note> notes;

  bool sounds() const { return !sounding_seconds.empty(); }
  bool visible() const { return box.has_value(); }
  bool soundsAt(int second) const;
  int onsetSecond() const { return sounding_seconds.front(); }
  int lastSecond() const { return sounding_seconds.back(); }
};

// A rendered ensemble with everything the questions and the ground truth need.
struct Scene {
  std::string video_id;
  int duration_s = 10;
  int width = 320;
  int height = 240;
  int fps = 12;
  std::string background = "indoor";  // or "outdoor"
  std::vector<ScenePlayer> players;
  std::vector<int> voiceover_seconds;  // empty: no voice-over
  int voiceover_phrase = 0;
  // Measured from each player's own rendered audio: [second][player id] = dB (sounding only).
  std::vector<std::map<int, double>> loudness_db;

  // Mean measured loudness of a player over its sounding seconds.
  double meanLoudnessDb(int player_id) const;
  const ScenePlayer* playerAt(Slot slot) const;
};

}  // namespace avqa::synth
