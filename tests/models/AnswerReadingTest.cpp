// AnswerReading::EvidenceWords: a head's pooled audio and visual evidence each pick question
// words for the answer. The picks follow the evidence, not the question alone; files from
// before the choice read as Sentence and have no word pickers.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "builtin/BuiltinModelFormat.h"
#include "builtin/detail/HeadNet.h"
#include "common/AvqaError.h"
#include "RandomHeadInputs.h"
#include "SmallHeadConfig.h"

namespace {

using avqa::AnswerReading;
using avqa::BuiltinArch;
using avqa::BuiltinConfig;
using avqa::builtin::HeadInputs;
using avqa::builtin::HeadOutputs;

HeadInputs randomInputs(const BuiltinConfig& config, int64_t batch, uint64_t seed) {
  return avqa::test::randomHeadInputs(config, batch, seed);
}

BuiltinConfig readingConfig(BuiltinArch arch, AnswerReading reading) {
  BuiltinConfig config = avqa::test::smallHeadConfig(arch);
  config.answer_reading = reading;
  return config;
}

bool hasWordPickers(const std::shared_ptr<avqa::builtin::HeadNet>& head) {
  return head->named_parameters().contains("answer_words_audio.weight") && head->named_parameters().contains("answer_words_visual.weight");
}

class EvidenceWordsHead : public ::testing::TestWithParam<BuiltinArch> {};

TEST_P(EvidenceWordsHead, PicksFollowTheEvidenceAndSkipPadding) {
  const BuiltinConfig config = readingConfig(GetParam(), AnswerReading::EvidenceWords);
  torch::manual_seed(3);
  auto head = avqa::builtin::makeHead(config);
  ASSERT_TRUE(hasWordPickers(head));
  head->eval();
  torch::NoGradGuard no_grad;
  const HeadInputs inputs = randomInputs(config, 2, 7);
  const HeadOutputs out = head->forward(inputs);
  for (const at::Tensor& picks : {out.tokens_audio, out.tokens_visual}) {
    ASSERT_TRUE(picks.defined());
    EXPECT_EQ(picks.sizes(), (std::vector<int64_t>{2, config.max_len}));
    EXPECT_TRUE(torch::allclose(picks.sum(1), torch::ones({2}), 1e-5, 1e-6));
    EXPECT_EQ(picks.narrow(1, 5, 2).abs().sum().item<float>(), 0.0f) << "no pick on padding";
  }
  // The same question over other sounds picks other words: the picks read the audio.
  HeadInputs other_sound = inputs;
  other_sound.audio = torch::randn_like(inputs.audio) * 2.0;
  const HeadOutputs heard_otherwise = head->forward(other_sound);
  EXPECT_GT((heard_otherwise.tokens_audio - out.tokens_audio).abs().max().item<float>(), 1e-4);
}

TEST_P(EvidenceWordsHead, TheSentenceReadingHasNoPickersAndNoWordReadouts) {
  const BuiltinConfig config = readingConfig(GetParam(), AnswerReading::Sentence);
  torch::manual_seed(3);
  auto head = avqa::builtin::makeHead(config);
  EXPECT_FALSE(hasWordPickers(head)) << "a file from before the choice has no such weights";
  head->eval();
  torch::NoGradGuard no_grad;
  const HeadOutputs out = head->forward(randomInputs(config, 2, 7));
  EXPECT_FALSE(out.tokens_audio.defined() || out.tokens_visual.defined());
  EXPECT_EQ(out.logits.sizes(), (std::vector<int64_t>{2, config.classes}));
}

TEST_P(EvidenceWordsHead, TheAnswerLossTrainsThePickers) {
  const BuiltinConfig config = readingConfig(GetParam(), AnswerReading::EvidenceWords);
  torch::manual_seed(5);
  auto head = avqa::builtin::makeHead(config);
  head->train();
  const HeadOutputs out = head->forward(randomInputs(config, 4, 9));
  torch::nn::functional::cross_entropy(out.logits, torch::tensor({0, 1, 2, 3}, torch::kLong)).backward();
  for (const char* name : {"answer_words_audio.weight", "answer_words_visual.weight"}) {
    const at::Tensor grad = head->named_parameters()[name].grad();
    ASSERT_TRUE(grad.defined()) << name;
    EXPECT_GT(grad.abs().sum().item<float>(), 0.0f) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(Architectures, EvidenceWordsHead,
                         ::testing::Values(BuiltinArch::Avst, BuiltinArch::Pstp, BuiltinArch::AvUnified),
                         [](const ::testing::TestParamInfo<BuiltinArch>& arch) { return avqa::builtinArchName(arch.param); });

TEST(AnswerReadingHeader, OldHeadersReadAsSentenceNewOnesRoundTripAndUnknownOnesAreRefused) {
  EXPECT_EQ(BuiltinConfig::demoScale(BuiltinArch::Avst).answer_reading, AnswerReading::EvidenceWords);  // `train --arch avst`
  EXPECT_EQ(BuiltinConfig::demoScale(BuiltinArch::AvMaster).answer_reading, AnswerReading::Sentence);  // its decoders read words anyway
  BuiltinConfig config = readingConfig(BuiltinArch::Avst, AnswerReading::EvidenceWords);
  EXPECT_EQ(avqa::configFromJson(avqa::configToJsonText(config)).answer_reading, AnswerReading::EvidenceWords);
  nlohmann::json header = nlohmann::json::parse(avqa::configToJsonText(config));
  EXPECT_EQ(header.at("answer_reading"), "evidence_words");
  header.erase("answer_reading");
  EXPECT_EQ(avqa::configFromJson(header.dump()).answer_reading, AnswerReading::Sentence);
  header["answer_reading"] = "telepathy";
  EXPECT_THROW(avqa::configFromJson(header.dump()), avqa::UsageError);
}

// The shipped files: AVST's header says it reads the evidence's words, AV-Master's (written
// before the field existed) reads as the sentence, and a colleague's file with a reading this
// build does not know is refused naming the file.
TEST(AnswerReadingHeader, ShippedFilesReadTheirReadingAndAnUnknownOneNamesTheFile) {
  const auto header_of = [](const std::string& model) {
    const std::string path = std::string(AVQA_WEIGHTS_DIR) + "/" + model + ".avqamodel";
    return avqa::parseBuiltinModelHeader(avqa::readBuiltinModelBlocks(path).metadata, path);
  };
  EXPECT_EQ(header_of("avst").config.answer_reading, AnswerReading::EvidenceWords);
  EXPECT_EQ(header_of("avmaster").config.answer_reading, AnswerReading::Sentence);
  nlohmann::json metadata = nlohmann::json::parse(avqa::readBuiltinModelBlocks(std::string(AVQA_WEIGHTS_DIR) + "/avst.avqamodel").metadata);
  metadata["config"]["answer_reading"] = "telepathy";
  try {
    avqa::parseBuiltinModelHeader(metadata.dump(), "colleague.avqamodel");
    ADD_FAILURE() << "an unknown answer_reading was accepted";
  } catch (const avqa::AvqaError& error) {
    EXPECT_NE(std::string(error.what()).find("colleague.avqamodel"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("telepathy"), std::string::npos) << error.what();
  }
}

}  // namespace
