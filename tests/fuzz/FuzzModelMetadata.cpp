// A TorchScript model's avqa.json, as a colleague's model file carries it.
#include <string>

#include "FuzzSupport.h"
#include "ModelMetadata.h"
#include "common/AvqaError.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const avqa::ModelInfo info =
        avqa::parseModelMetadata(std::string(reinterpret_cast<const char*>(data), size), "/models/fuzz.pt");
    (void)info.featureKindsText();
  } catch (const avqa::AvqaError&) {
  }
  return 0;
}
