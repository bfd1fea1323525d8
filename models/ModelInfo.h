#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace avqa {

struct FeatureSpec {
  int dim = 0;
  std::string kind;       // "vggish", "clip-vit-b32", "resnet18-14x14" or an encoder's name
  std::string extractor;  // avqa-model/2: how the features were made (free text)
  double rows_per_s = 1.0;  // avqa-model/2: .npy rows per second of video
  int min_rows = 0;         // avqa-model/2: rows a video's .npy needs (0: T * stride * rows_per_s)
};

struct PatchSpec {
  int dim = 0;
  std::vector<int> grid;  // {gh, gw}
  std::string crop;       // "center-square" or "full-frame"
  std::string kind;
  std::string extractor;
  double rows_per_s = 1.0;
  int min_rows = 0;
};

enum class QuestionInput { Tokens, Features };

struct QuestionSpec {
  QuestionInput input = QuestionInput::Tokens;
  std::vector<std::string> vocab;  // index 0 is "<pad>"
  int max_len = 14;
  bool lowercase = false;
  int dim = 0;  // features
  std::string feature_kind;
  std::string vocab_sha256;  // avqa-model/2: checked against the vocabulary when loaded
};

enum class BatchSupport { SingleQuestion, Batched };

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
  std::string format = "avqa-model/1";
  BatchSupport batch = BatchSupport::SingleQuestion;

  std::vector<std::string> featureKinds() const;
  std::string featureKindsText() const;  // comma-joined, as runs and asks store them
};

}  // namespace avqa
