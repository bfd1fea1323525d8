#pragma once

#include <QImage>
#include <memory>
#include <string>
#include <vector>

#include "FeatureEncoders.h"

namespace avqa {

// Feature encoders saved as TorchScript with their own avqa.json
// ({"format": "avqa-encoder/1", "name", "output": {"dim", "patch_dim", "grid"},
//   "input": {"size": [h, w], "mean": [3], "std": [3], "crop"}}).
// audio: log-mel [N,1,96,64] -> [N,D]; visual: frames [N,3,H,W] -> (cls [N,D], patches [N,M,Dp]).
class TorchScriptAudioEncoder : public AudioFeatureEncoder {
 public:
  TorchScriptAudioEncoder(const std::string& path, const std::string& device);
  ~TorchScriptAudioEncoder();
  const std::string& name() const;
  int dim() const override;
  std::vector<float> encode(const std::vector<float>& examples, int count) const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class TorchScriptVisualEncoder : public VisualFeatureEncoder {
 public:
  TorchScriptVisualEncoder(const std::string& path, const std::string& device);
  ~TorchScriptVisualEncoder();
  const std::string& name() const;
  int dim() const override;
  int patchDim() const override;
  const std::vector<int>& grid() const;
  const std::string& crop() const;
  VisualEncoding encode(const std::vector<QImage>& frames) const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace avqa
