#pragma once

#include <memory>
#include <string>

#include "AvqaModel.h"
#include "ComputeDevice.h"

namespace avqa {

// Any model file the app can run, told by its content: a built-in model file (AVST,
// PSTP-Net, AV-Master, AV-Unified) or a researcher's TorchScript model with its avqa.json.
std::unique_ptr<AvqaModel> loadModel(const std::string& path, DeviceRequest device);

}  // namespace avqa
