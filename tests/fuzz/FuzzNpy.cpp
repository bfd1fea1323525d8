// Released .npy feature files: header, dtype, shape and data bounds.
#include "FuzzSupport.h"
#include "common/AvqaError.h"
#include "features/NpyArray.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = avqa::fuzz::scratchFile("features.npy", data, size);
  for (std::size_t max_rows : {std::size_t(-1), std::size_t(2)}) {
    try {
      const avqa::NpyArray array = avqa::readNpy(path, max_rows);
      (void)avqa::shapeText(array.shape);
    } catch (const avqa::AvqaError&) {
    }
  }
  return 0;
}
