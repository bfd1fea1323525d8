#pragma once

#include <string>
#include <vector>

namespace avqa::synth {

// One of the 22 MUSIC-AVQA instruments as the synthetic benchmark plays and draws it.
struct Instrument {
  std::string name;          // MUSIC-AVQA spelling: "acoustic_guitar", "erhu", ...
  int gm_program = 0;        // General MIDI program (0-based); the nearest timbre
  bool percussion = false;   // played on the GM percussion channel (program unused)
  std::vector<int> percussion_keys;  // GM drum keys for percussion instruments
  int pitch_low = 48;        // typical MIDI range
  int pitch_high = 84;
};

const std::vector<Instrument>& instrumentCatalog();
const Instrument* findInstrument(const std::string& name);

}  // namespace avqa::synth
