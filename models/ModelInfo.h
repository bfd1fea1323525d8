#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace avqa {

struct FeatureSpec {
  int dim = 0;
  std::string kind;  // "vggish", "clip-vit-b32", "resnet18-14x14" or an encoder's name
};

struct PatchSpec {
  int dim = 0;
  std::vector<int> grid;  // {gh, gw}
  std::string crop;       // "center-square" or "full-frame"
  std::string kind;
};

enum class QuestionInput { Tokens, Features };

struct QuestionSpec {
  QuestionInput input = QuestionInput::Tokens;
  std::vector<std::string> vocab;  // index 0 is "<pad>"
  int max_len = 14;
  bool lowercase = false;
  int dim = 0;  // features
  std::string feature_kind;
};

// What a model declares about itself (its avqa.json, or a built-in model's header).
struct ModelInfo {
  std::string name;
  std::string file;
  std::string file_sha256;
  std::vector<std::string> answers;
  int time_steps = 10;
  double stride_s = 1.0;
  QuestionSpec question;
  FeatureSpec audio;
  FeatureSpec visual;
  std::optional<PatchSpec> patches;
  std::map<std::string, std::string> encoders;  // "audio"/"visual" -> absolute file path

  std::vector<std::string> featureKinds() const;
};

}  // namespace avqa
