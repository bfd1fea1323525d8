#include "synthetic/Instrument.h"

namespace avqa::synth {

const std::vector<Instrument>& instrumentCatalog() {
  // Non-obvious GM matches (docs/synthetic-benchmark.md): guzheng~koto, suona~shanai, erhu~fiddle,
  // pipa~shamisen, ukulele~nylon guitar.
  static const std::vector<Instrument> kInstruments = {
      {"accordion", 21, false, {}, 53, 84},
      {"acoustic_guitar", 25, false, {}, 40, 76},
      {"bagpipe", 109, false, {}, 62, 74},
      {"banjo", 105, false, {}, 48, 76},
      {"bassoon", 70, false, {}, 34, 65},
      {"cello", 42, false, {}, 36, 69},
      {"clarinet", 71, false, {}, 50, 86},
      {"congas", 0, true, {62, 63, 64}, 0, 0},
      {"drum", 0, true, {36, 38, 42, 45}, 0, 0},
      {"electric_bass", 33, false, {}, 28, 55},
      {"erhu", 110, false, {}, 62, 86},
      {"flute", 73, false, {}, 60, 96},
      {"guzheng", 107, false, {}, 50, 86},
      {"piano", 0, false, {}, 36, 96},
      {"pipa", 106, false, {}, 45, 81},
      {"saxophone", 65, false, {}, 49, 81},
      {"suona", 111, false, {}, 60, 84},
      {"trumpet", 56, false, {}, 55, 82},
      {"tuba", 58, false, {}, 28, 58},
      {"ukulele", 24, false, {}, 60, 81},
      {"violin", 40, false, {}, 55, 88},
      {"xylophone", 13, false, {}, 65, 96},
  };
  return kInstruments;
}

const Instrument* findInstrument(const std::string& name) {
  for (const Instrument& instrument : instrumentCatalog()) {
    if (instrument.name == name) return &instrument;
  }
  return nullptr;
}

}  // namespace avqa::synth
