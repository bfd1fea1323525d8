#pragma once

#include <QImage>
#include <memory>
#include <string>
#include <vector>

namespace avqa {

// Feature encoders saved as TorchScript with their own avqa.json
// ({"format": "avqa-encoder/1", "name", "output": {"dim", "patch_dim", "grid"},
//   "input": {"size": [h, w], "mean": [3], "std": [3], "crop"}}).
// audio: log-mel [N,1,96,64] -> [N,D]; visual: frames [N,3,H,W] -> (cls [N,D], patches [N,M,Dp]).
class TorchScriptAudioEncoder {
 public:
  TorchScriptAudioEncoder(const std::string& path, const std::string& device);
  ~TorchScriptAudioEncoder();
  const std::string& name() const;
  int dim() const;
  // `examples`: N log-mel examples of 96 x 64, row-major; returns [N, dim].
  std::vector<float> encode(const std::vector<float>& examples, int count) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct VisualEncoding {
  std::vector<float> frame;    // [N, dim]
  std::vector<float> patches;  // [N, M, patch_dim]
  int patch_count = 0;
};

class TorchScriptVisualEncoder {
 public:
  TorchScriptVisualEncoder(const std::string& path, const std::string& device);
  ~TorchScriptVisualEncoder();
  const std::string& name() const;
  int dim() const;
  int patchDim() const;
  const std::vector<int>& grid() const;
  const std::string& crop() const;
  VisualEncoding encode(const std::vector<QImage>& frames) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace avqa
