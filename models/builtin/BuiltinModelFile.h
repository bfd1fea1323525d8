#pragma once

#include <memory>
#include <string>

#include "AvqaModel.h"
#include "ComputeDevice.h"

namespace avqa {

// True when the file starts with the built-in model format's magic (told by content, not name).
bool isBuiltinModelFile(const std::string& path);

// A built-in model (AVST, PSTP-Net, AV-Master, AV-Unified) from its single file; refuses,
// naming the file, one that is truncated, damaged or of another kind.
std::unique_ptr<AvqaModel> loadBuiltinModel(const std::string& path, DeviceRequest device);

// The metadata block of a built-in model file, as JSON text (for `ask --explain` and tests).
std::string builtinModelMetadata(const std::string& path);

}  // namespace avqa
