#include "FeatureCache.h"

#include <filesystem>

#include "common/AvqaError.h"
#include "common/FileHash.h"

namespace avqa::training {
namespace {

std::string joinedIds(const std::vector<std::string>& ids) {
  std::string joined;
  for (const std::string& id : ids) joined += id + "\n";
  return joined;
}

}  // namespace

FeatureCache::FeatureCache(const std::string& folder, const std::string& encoders_key, const std::string& data_dir, int max_videos) {
  const std::string data = std::filesystem::weakly_canonical(std::filesystem::absolute(data_dir)).string();
  const std::string key = sha256OfText(encoders_key + "\n" + data + "\n" + std::to_string(max_videos)).substr(0, 20);
  path_ = (std::filesystem::path(folder) / ("features-" + key + ".pt")).string();
}

std::optional<EncodedVideos> FeatureCache::load(const std::vector<std::string>& ids) const {
  if (!std::filesystem::is_regular_file(path_)) return std::nullopt;
  try {
    std::vector<at::Tensor> tensors;
    torch::load(tensors, path_);
    if (tensors.size() != 4) return std::nullopt;
    const std::string expected = sha256OfText(joinedIds(ids));
    const at::Tensor stored = tensors[3].contiguous();
    if (stored.numel() != static_cast<int64_t>(expected.size()) ||
        std::string(reinterpret_cast<const char*>(stored.data_ptr<uint8_t>()), expected.size()) != expected) {
      return std::nullopt;
    }
    return EncodedVideos{tensors[0], tensors[1], tensors[2]};
  } catch (const c10::Error&) {
    return std::nullopt;  // a cache that cannot be read is rebuilt, never trusted
  }
}

void FeatureCache::save(const std::vector<std::string>& ids, const EncodedVideos& features) const {
  std::error_code error;
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), error);
  const std::string digest = sha256OfText(joinedIds(ids));
  const at::Tensor id_digest = torch::from_blob(const_cast<char*>(digest.data()), {static_cast<int64_t>(digest.size())}, torch::kUInt8).clone();
  const std::string staging = path_ + ".new";
  try {
    torch::save(std::vector<at::Tensor>{features.audio, features.visual,
                                        features.patches.defined() ? features.patches : torch::zeros({0}), id_digest},
                staging);
  } catch (const c10::Error& failure) {
    std::filesystem::remove(staging, error);
    throw AvqaError(path_, "cannot be written (" + std::string(failure.what_without_backtrace()) + ")");
  }
  std::filesystem::rename(staging, path_, error);
  if (error) throw AvqaError(path_, "cannot be written (" + error.message() + ")");
}

}  // namespace avqa::training
