#include "ModelLoader.h"

#include "builtin/BuiltinModelFile.h"
#include "TorchScriptModel.h"

namespace avqa {

std::unique_ptr<AvqaModel> loadModel(const std::string& path, DeviceRequest device) {
  if (isBuiltinModelFile(path)) return loadBuiltinModel(path, device);
  return loadTorchScriptModel(path, device);
}

}  // namespace avqa
