#pragma once

#include <string>
#include <vector>

namespace avqa {

// The demo models that ship with AVQA Lens (models/weights/*.avqamodel): found in the source
// tree a build came from, or in <prefix>/share/avqa-lens/models when installed.
// `executable_path`: argv[0] or QCoreApplication::applicationFilePath().
std::string shippedModelsFolder(const std::string& executable_path);
std::vector<std::string> shippedModelFiles(const std::string& executable_path);  // sorted; AV-Master first (the demo default)

}  // namespace avqa
