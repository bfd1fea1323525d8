// The built-in model file: magic, length-prefixed blocks, and the metadata block's header.
#include "FuzzSupport.h"
#include "builtin/BuiltinModelFormat.h"
#include "common/AvqaError.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = avqa::fuzz::scratchFile("model.avqa-model", data, size);
  try {
    const avqa::BuiltinModelBlocks blocks = avqa::readBuiltinModelBlocks(path);
    const avqa::BuiltinModelHeader header = avqa::parseBuiltinModelHeader(blocks.metadata, path);
    (void)header.config.patchCount();
  } catch (const avqa::AvqaError&) {
  }
  return 0;
}
