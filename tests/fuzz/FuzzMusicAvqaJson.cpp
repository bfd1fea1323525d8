// MUSIC-AVQA JSON import: any bytes are read into records or refused with an AvqaError.
#include <string>

#include "FuzzSupport.h"
#include "common/AvqaError.h"
#include "dataset/MusicAvqaFile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const avqa::MusicAvqaFile file =
        avqa::parseMusicAvqaText(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json");
    (void)file;
  } catch (const avqa::AvqaError&) {
  }
  return 0;
}
