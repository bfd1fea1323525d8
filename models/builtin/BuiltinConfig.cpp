#include "BuiltinConfig.h"

#include "common/AvqaError.h"

namespace avqa {

BuiltinArch parseBuiltinArch(const std::string& text) {
  if (text == "avst") return BuiltinArch::Avst;
  if (text == "pstp") return BuiltinArch::Pstp;
  if (text == "avmaster") return BuiltinArch::AvMaster;
  if (text == "avunified") return BuiltinArch::AvUnified;
  throw UsageError("unknown architecture \"" + text + "\" (avst, pstp, avmaster or avunified)");
}

std::string builtinArchName(BuiltinArch arch) {
  switch (arch) {
    case BuiltinArch::Avst: return "avst";
    case BuiltinArch::Pstp: return "pstp";
    case BuiltinArch::AvMaster: return "avmaster";
    case BuiltinArch::AvUnified: return "avunified";
  }
  return "?";
}

std::string builtinArchTitle(BuiltinArch arch) {
  switch (arch) {
    case BuiltinArch::Avst: return "AVST";
    case BuiltinArch::Pstp: return "PSTP-Net";
    case BuiltinArch::AvMaster: return "AV-Master";
    case BuiltinArch::AvUnified: return "AV-Unified";
  }
  return "?";
}

AnswerReading parseAnswerReading(const std::string& text) {
  if (text == "sentence") return AnswerReading::Sentence;
  if (text == "evidence_words") return AnswerReading::EvidenceWords;
  throw UsageError("unknown answer_reading \"" + text + "\" (sentence or evidence_words)");
}

std::string answerReadingName(AnswerReading reading) {
  return reading == AnswerReading::EvidenceWords ? "evidence_words" : "sentence";
}

BuiltinConfig BuiltinConfig::demoScale(BuiltinArch arch) {
  BuiltinConfig config;
  config.arch = arch;
  if (arch != BuiltinArch::AvUnified) config.layout_columns = config.grid;
  if (arch != BuiltinArch::AvMaster) config.answer_reading = AnswerReading::EvidenceWords;
  return config;
}

BuiltinConfig BuiltinConfig::paperScale(BuiltinArch arch) {
  BuiltinConfig config;
  config.arch = arch;
  config.time_steps = 60;
  config.audio_dim = 128;  // VGGish
  config.visual_dim = 512;  // CLIP ViT-B/32
  config.patch_dim = 512;
  config.model_dim = 512;
  config.segments = 20;
  config.top_k_segments = 7;
  config.top_m_patches = 20;
  config.windows = {1, 3, 6};
  return config;
}

void BuiltinConfig::validate() const {
  const auto require = [](bool ok, const std::string& what) {
    if (!ok) throw UsageError("model configuration: " + what);
  };
  // Upper bounds first: a damaged or hostile header must not make the loader allocate
  // gigabytes (or overflow grid * grid) before the weights are even read.
  require(time_steps <= 4096 && max_len <= 4096 && grid <= 64 && image_size <= 8192 && segments <= 4096,
          "time_steps, max_len, grid, image_size or segments is implausibly large");
  require(audio_dim <= 65536 && visual_dim <= 65536 && patch_dim <= 65536 && model_dim <= 4096,
          "a dimension is implausibly large");
  require(vocab_size <= 1000000 && classes <= 100000 && focus_templates <= 100000 && windows.size() <= 64,
          "vocab_size, classes, focus_templates or windows is implausibly large");
  require(time_steps > 0 && stride_s > 0 && stride_s <= 3600, "time_steps and stride_s must be positive");
  require(audio_dim > 0 && visual_dim > 0 && patch_dim > 0 && model_dim > 0, "dimensions must be positive");
  require(grid > 0 && image_size >= 16 * grid / 2, "grid must be positive and the image large enough for it");
  require(vocab_size >= 2 && classes >= 2 && max_len > 0, "vocabulary, answers and max_len must be set");
  require(segments > 0 && time_steps % segments == 0, "segments must divide time_steps");
  require(top_k_segments > 0 && top_k_segments <= segments, "top_k_segments must lie in 1..segments");
  require(top_m_patches > 0 && top_m_patches <= patchCount(), "top_m_patches must lie in 1..grid*grid");
  require(focus_templates > 0, "focus_templates must be positive");
  require(layout_columns >= 0 && layout_columns <= grid, "layout_columns must lie in 0..grid");
  require(!windows.empty(), "windows must not be empty");
  for (int window : windows) require(window > 0 && window <= time_steps, "each window must lie in 1..time_steps");
}

}  // namespace avqa
