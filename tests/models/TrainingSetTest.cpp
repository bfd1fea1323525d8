// What the trainer reads from a generated benchmark: the comparisons asked the other way
// round, and the rhythm labels the audio encoder learns. Expected values come from the
// benchmark's own avqa-train.json and groundtruth.json, read here with nlohmann::json.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <nlohmann/json.hpp>

#include "builtin/BuiltinConfig.h"
#include "support/TempDir.h"
#include "synthetic/Instrument.h"
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

// The ordinal a question's slots hold ("first" ... "fifth", "last"): what --ground-onsets grounds its curve on.
TEST_F(TrainingSetFromSynth, OrderQuestionsCarryTheOnsetRankTheyAskAbout) {
  const TrainingSet set = load(MediaDecoding::Skip, QuestionAugmentation::None);
  std::map<int64_t, int64_t> expected;
  const std::map<std::string, int64_t> ranks = {{"first", 1}, {"second", 2}, {"third", 3}, {"fourth", 4}, {"fifth", 5}, {"last", kLastOnset}};
  for (const auto& record : json("avqa-train.json")) {
    for (const auto& value : nlohmann::json::parse(record.at("templ_values").get<std::string>())) {
      if (ranks.count(value.get<std::string>())) ++expected[ranks.at(value.get<std::string>())];
    }
  }
  ASSERT_GT(expected[1], 0);
  ASSERT_GT(expected[kLastOnset], 0);
  for (const auto& [rank, count] : expected) EXPECT_EQ(set.train.onset_rank.eq(rank).sum().item<int64_t>(), count) << "rank " << rank;
  EXPECT_EQ(set.train.onset_rank.ne(0).sum().item<int64_t>(), std::accumulate(expected.begin(), expected.end(), int64_t{0},
                                                                              [](int64_t sum, const auto& item) { return sum + item.second; }));
}

TEST_F(TrainingSetFromSynth, EachSoundingInstrumentCarriesItsPlayersNotesPerSecondOnALogScale) {
  const TrainingSet set = load(MediaDecoding::Decode, QuestionAugmentation::None);
  const nlohmann::json truth = json("groundtruth.json").at("videos");
  const auto& catalog = synth::instrumentCatalog();
  const auto index_of = [&](const std::string& name) {
    return std::find_if(catalog.begin(), catalog.end(), [&](const auto& instrument) { return instrument.name == name; }) - catalog.begin();
  };
  int64_t labelled = 0;
  std::set<float> rates_seen;
  for (std::size_t v = 0; v < set.videos.ids.size(); ++v) {
    const nlohmann::json& video = truth.at(set.videos.ids[v]);
    std::map<int, std::pair<int64_t, double>> player;  // id -> instrument, notes per second
    for (const auto& p : video.at("players")) player[p.at("id").get<int>()] = {index_of(p.at("instrument")), p.at("notes_per_second")};
    for (int64_t step = 0; step < set.videos.rhythm.size(1); ++step) {
      std::map<int64_t, double> expected;  // the faster player where two play one instrument
      if (!set.videos.padded[v][step].item<bool>() && step < static_cast<int64_t>(video.at("seconds").size())) {
        for (const auto& id : video.at("seconds")[step].at("sounding")) {
          const auto [instrument, rate] = player.at(id.get<int>());
          expected[instrument] = std::max(expected[instrument], (1.0 + std::log2(rate)) / 4.0);
        }
      }
      for (int64_t instrument = 0; instrument < set.videos.rhythm.size(2); ++instrument) {
        const float got = set.videos.rhythm[v][step][instrument].item<float>();
        const double want = expected.count(instrument) ? expected.at(instrument) : 0.0;
        ASSERT_NEAR(got, want, 1e-6) << set.videos.ids[v] << " step " << step << " instrument " << catalog[instrument].name;
        if (want > 0) {
          ++labelled;
          rates_seen.insert(got);
        }
      }
    }
  }
  EXPECT_GT(labelled, 100);
  EXPECT_GE(rates_seen.size(), 4u) << "the generator's rates from 1 to 6 notes per second give distinct labels";
}

}  // namespace
}  // namespace avqa::training
