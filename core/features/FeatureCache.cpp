#include "features/FeatureCache.h"

#include <cstdlib>
#include <filesystem>

#include "common/AvqaError.h"
#include "common/OutputFile.h"
#include "features/NpyArray.h"

namespace avqa {

std::string FeatureCache::defaultRoot() {
  if (const char* explicit_root = std::getenv("AVQA_CACHE_DIR"); explicit_root && *explicit_root) return explicit_root;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/avqa-lens/features";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : "/tmp") + "/.cache/avqa-lens/features";
}

void writeNpy(const std::string& path, const std::vector<std::size_t>& shape, const std::vector<float>& values) {
  std::string dims;
  for (std::size_t dim : shape) dims += std::to_string(dim) + ", ";
  if (shape.size() > 1) dims.erase(dims.size() - 2);
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
  const std::size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
  bytes += static_cast<char>(header.size() & 0xFF);
  bytes += static_cast<char>((header.size() >> 8) & 0xFF);
  bytes += header;
  bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
  writeFileAtomically(path, bytes);
}

std::optional<FeatureCache::Arrays> FeatureCache::load(const std::string& key) const {
  const std::filesystem::path folder = std::filesystem::path(root_) / key;
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) return std::nullopt;
  Arrays arrays;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().extension() != ".npy") continue;
    try {
      NpyArray array = readNpy(entry.path().string());
      arrays[entry.path().stem().string()] = {array.shape, std::move(array.values)};
    } catch (const AvqaError&) {
      return std::nullopt;  // a damaged entry is recomputed, not trusted
    }
  }
  if (arrays.empty()) return std::nullopt;
  return arrays;
}

std::optional<std::string> FeatureCache::store(const std::string& key, const Arrays& arrays) const {
  const std::filesystem::path folder = std::filesystem::path(root_) / key;
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) return "feature cache " + root_ + " cannot be written (" + error.message() + "): features are not cached";
  try {
    for (const auto& [name, array] : arrays) writeNpy((folder / (name + ".npy")).string(), array.first, array.second);
  } catch (const AvqaError& failure) {
    std::filesystem::remove_all(folder, error);  // no half-written entry is ever read
    return std::string("features are not cached: ") + failure.what();
  }
  return std::nullopt;
}

}  // namespace avqa
