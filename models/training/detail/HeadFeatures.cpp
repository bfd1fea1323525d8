#include "HeadFeatures.h"

#include <functional>

namespace avqa::training {
namespace {

at::Tensor perVideo(const at::Tensor& patches, const std::function<at::Tensor(const at::Tensor&)>& compute) {
  torch::NoGradGuard no_grad;
  std::vector<at::Tensor> parts;
  for (int64_t start = 0; start < patches.size(0); start += 256) {
    parts.push_back(compute(patches.narrow(0, start, std::min<int64_t>(256, patches.size(0) - start))));
  }
  return torch::cat(parts);
}

}  // namespace

HeadFeatures::HeadFeatures(const EncodedVideos& features, const BuiltinConfig& config) : encoded(features) {
  if (config.layout_columns > 0) {
    bands = perVideo(encoded.patches, [&](const at::Tensor& patches) { return builtin::layoutBands(patches, config.grid, config.layout_columns); });
  }
  if (config.attendsOverPatches()) patch_codes = perVideo(encoded.patches, builtin::normalizeCodes);
}

builtin::HeadInputs batchInputs(const HeadFeatures& features, const at::Tensor& videos, const at::Tensor& tokens) {
  builtin::HeadInputs inputs;
  inputs.audio = features.encoded.audio.index_select(0, videos);
  inputs.visual = features.encoded.visual.index_select(0, videos);
  if (features.patch_codes.defined()) inputs.patch_codes = features.patch_codes.index_select(0, videos);
  if (features.bands.defined()) inputs.bands = features.bands.index_select(0, videos);
  inputs.question = tokens;
  return inputs;
}

int64_t countRightAnswers(builtin::HeadNet& head, const HeadFeatures& features, const QuestionSet& questions, int part, int parts) {
  constexpr int64_t kChunk = 256;
  torch::NoGradGuard no_grad;
  head.eval();
  int64_t right = 0;
  for (int64_t start = kChunk * part; start < questions.size(); start += kChunk * parts) {
    const int64_t count = std::min<int64_t>(kChunk, questions.size() - start);
    const builtin::HeadOutputs out = head.forward(
        batchInputs(features, questions.video.narrow(0, start, count), questions.tokens.narrow(0, start, count)));
    right += out.logits.argmax(1).eq(questions.answer.narrow(0, start, count)).sum().item<int64_t>();
  }
  return right;
}

}  // namespace avqa::training
