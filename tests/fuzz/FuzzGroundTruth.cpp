// groundtruth.json: per-video evidence (boxes, sounding seconds).
#include "FuzzSupport.h"
#include "common/AvqaError.h"
#include "dataset/EvidenceFile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = avqa::fuzz::scratchFile("groundtruth.json", data, size);
  try {
    (void)avqa::readEvidenceFile(path);
  } catch (const avqa::AvqaError&) {
  }
  return 0;
}
