#pragma once

#include <QImage>
#include <memory>
#include <string>
#include <vector>

namespace avqa {

struct VisualEncoding {
  std::vector<float> frame;    // [N, dim]
  std::vector<float> patches;  // [N, M, patch_dim]
  int patch_count = 0;
};

// Turns a model's raw step inputs into its features: log-mel examples into audio codes,
// frames into frame and patch codes. TorchScript encoder files and the encoders inside a
// built-in model file both implement these.
class AudioFeatureEncoder {
 public:
  virtual ~AudioFeatureEncoder() = default;
  virtual int dim() const = 0;
  // `examples`: N log-mel examples of 96 x 64, row-major; returns [N, dim].
  virtual std::vector<float> encode(const std::vector<float>& examples, int count) const = 0;
};

class VisualFeatureEncoder {
 public:
  virtual ~VisualFeatureEncoder() = default;
  virtual int dim() const = 0;
  virtual int patchDim() const = 0;
  // A null image (a padded step) encodes as a black frame.
  virtual VisualEncoding encode(const std::vector<QImage>& frames) const = 0;
};

// The encoder a file holds, told by content: a built-in model file (its own encoders) or a
// TorchScript encoder with its avqa.json.
std::unique_ptr<AudioFeatureEncoder> openAudioEncoder(const std::string& path, const std::string& device);
std::unique_ptr<VisualFeatureEncoder> openVisualEncoder(const std::string& path, const std::string& device);

}  // namespace avqa
