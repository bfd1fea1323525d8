#pragma once

#include <string>
#include <vector>

namespace avqa {

// The four architectures of the seed papers, implemented in models/builtin/.
enum class BuiltinArch { Avst, Pstp, AvMaster, AvUnified };

BuiltinArch parseBuiltinArch(const std::string& text);  // "avst", "pstp", "avmaster", "avunified"
std::string builtinArchName(BuiltinArch arch);          // the same spelling
std::string builtinArchTitle(BuiltinArch arch);         // "PSTP-Net", ...

// What a head's answer stage reads of the question. Sentence: the question LSTM's last state
// (files from before the choice existed). EvidenceWords: also the words that each modality's
// pooled evidence picks (AV-Master's decoders always do this): a match of what was heard with
// each named instrument, which "Is the <A> louder than the <B>?" needs and a sentence code
// blurs.
enum class AnswerReading { Sentence, EvidenceWords };
AnswerReading parseAnswerReading(const std::string& text);  // "sentence", "evidence_words"
std::string answerReadingName(AnswerReading reading);

// Sizes of a built-in model: its encoders (trained from scratch on the synthetic benchmark)
// and its head. Every size is configurable; demoScale() is what ships, paperScale() the
// papers' sizes for benchmarks.
struct BuiltinConfig {
  BuiltinArch arch = BuiltinArch::Pstp;
  int time_steps = 10;
  double stride_s = 1.0;
  int audio_dim = 128;   // Da, per-step audio embedding
  int visual_dim = 128;  // Dv, per-frame embedding (CLS)
  int patch_dim = 128;   // Dp, per-patch embedding
  int grid = 7;          // patches on a grid x grid, full-frame crop
  int image_size = 112;  // the visual encoder's input, full frame squashed to a square
  int model_dim = 128;   // D, the head's width
  int vocab_size = 0;
  int max_len = 14;
  int classes = 0;
  // PSTP-Net: K segments, the top-k of them, the top-m patches per selected frame.
  int segments = 10;
  int top_k_segments = 4;
  int top_m_patches = 16;
  // AV-Master: focus templates of the adaptive sampling.
  int focus_templates = 4;
  // AV-Master, AVST and PSTP-Net: the frame's patch codes averaged down each of this many
  // vertical bands, each band one more visual key per step (AV-Master's visual decoder, AVST's
  // temporal attention, PSTP-Net's perception of its kept steps), so "what stands on the left"
  // can be read (a CLIP CLS token carries layout; our mean-pooled frame code does not).
  // 0: the frame code alone, as in files from before it.
  int layout_columns = 0;
  // AVST, PSTP-Net and AV-Unified (AV-Master's decoders always read the words their evidence
  // picks).
  AnswerReading answer_reading = AnswerReading::Sentence;
  // AV-Unified: window sizes (in steps) of the multi-scale temporal perception.
  std::vector<int> windows{1, 2, 5};

  int patchCount() const { return grid * grid; }
  // Whether the head attends over single patches; AV-Master reads them only as layout bands.
  bool attendsOverPatches() const { return arch != BuiltinArch::AvMaster; }
  bool readsPatches() const { return attendsOverPatches() || layout_columns > 0; }
  static BuiltinConfig demoScale(BuiltinArch arch);
  static BuiltinConfig paperScale(BuiltinArch arch);
  void validate() const;  // throws UsageError naming the inconsistent size
};

}  // namespace avqa
