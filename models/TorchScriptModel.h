#pragma once

#include <memory>
#include <string>

#include "AvqaModel.h"
#include "ComputeDevice.h"

namespace avqa {

// Loads a researcher's TorchScript model saved with its avqa.json (docs/model-contract.md).
// Refuses, naming the file and the problem, a file that is no TorchScript, lacks avqa.json
// or declares something inconsistent; at predict() every output key and shape is checked
// and a wrong one named with the expected and the actual shape.
std::unique_ptr<AvqaModel> loadTorchScriptModel(const std::string& path, DeviceRequest device);

}  // namespace avqa
