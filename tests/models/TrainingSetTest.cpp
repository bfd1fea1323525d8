// What the trainer reads from a generated benchmark: the comparisons asked the other way
// round. Expected values come from the benchmark's own avqa-train.json, read here with
// nlohmann::json.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "builtin/BuiltinConfig.h"
#include "support/TempDir.h"
#include "synthetic/SynthDataset.h"
#include "training/detail/TrainingSet.h"

namespace avqa::training {
namespace {

class TrainingSetFromSynth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    synth::SynthOptions options;
    options.out_dir = dir_->file("data");
    options.videos = 20;
    options.seed = 5;
    synth::generateSynthDataset(options, {});
  }
  static void TearDownTestSuite() { delete dir_; }
  static TrainingSet load(MediaDecoding media, QuestionAugmentation augmentation) {
    return loadTrainingSet(dir_->file("data"), BuiltinConfig::demoScale(BuiltinArch::AvMaster), nullptr, 0, media, augmentation,
                           CancelToken(), {});
  }
  static nlohmann::json json(const std::string& name) { return nlohmann::json::parse(test::readBytes(dir_->file("data/" + name))); }
  static test::TempDir* dir_;
};
test::TempDir* TrainingSetFromSynth::dir_ = nullptr;

TEST_F(TrainingSetFromSynth, SwappedComparisonsAddOneTrainingQuestionPerComparisonAndNoneToValidation) {
  const TrainingSet plain = load(MediaDecoding::Skip, QuestionAugmentation::None);
  const TrainingSet swapped = load(MediaDecoding::Skip, QuestionAugmentation::SwapComparisons);
  int64_t comparisons = 0, answered_no = 0;
  for (const auto& record : json("avqa-train.json")) {
    const std::string answer = record.at("anser").get<std::string>();
    if (record.at("question_content").get<std::string>().find(" than ") != std::string::npos && (answer == "yes" || answer == "no")) {
      ++comparisons;
      answered_no += answer == "no";
    }
  }
  ASSERT_GT(comparisons, 0);
  EXPECT_EQ(swapped.train.size(), plain.train.size() + comparisons);
  EXPECT_EQ(swapped.val.size(), plain.val.size());
  EXPECT_EQ(swapped.vocab, plain.vocab) << "the swapped questions use the training words";
  // The added questions' answers are the originals' flipped: a yes for every original no.
  const auto count = [&](const QuestionSet& set, int64_t from, const std::string& word) {
    const auto index = std::find(plain.answers.begin(), plain.answers.end(), word) - plain.answers.begin();
    return set.answer.narrow(0, from, set.size() - from).eq(index).sum().item<int64_t>();
  };
  const int64_t added_from = plain.train.size();
  EXPECT_EQ(count(swapped.train, added_from, "yes"), answered_no);
  EXPECT_EQ(count(swapped.train, added_from, "no"), comparisons - answered_no);
}

}  // namespace
}  // namespace avqa::training
