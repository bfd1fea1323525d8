// Balance suggestions on generated biased data: applying either fix (adding the suggested
// QA pairs, or dropping the suggested ones) brings each broken template under its threshold.
#include <gtest/gtest.h>

#include <deque>

#include "analysis/BalanceSuggestion.h"
#include "dataset/MusicAvqaFile.h"
#include "synthetic/SynthDataset.h"
#include "support/TempDir.h"

namespace avqa {
namespace {

const TemplateBalance* balanceOf(const std::vector<TemplateBalance>& balances, const std::string& template_text) {
  for (const TemplateBalance& balance : balances) {
    if (balance.template_text == template_text) return &balance;
  }
  return nullptr;
}

TEST(BalanceSuggestion, EachSuggestionMakesItsTemplatePassOnBiasedData) {
  test::TempDir dir;
  synth::SynthOptions options;
  options.out_dir = dir.file("biased");
  options.videos = 12;
  options.seed = 5;
  options.questions_per_video = 20;
  options.scene.duration_s = 4;
  options.balance = synth::AnswerBalance::Biased;
  synth::generateSynthDataset(options, nullptr);
  const MusicAvqaFile file = readMusicAvqaFile(dir.file("biased/avqa-train.json"));
  RecordList records;
  for (const QaRecord& record : file.records) records.push_back(&record);
  const BalanceThresholds thresholds;
  const std::vector<TemplateBalance> before = analyzeTemplateBalance(records, thresholds);
  const TemplateCatalog catalog = TemplateCatalog::musicAvqa();
  const std::vector<BalanceSuggestion> suggestions = suggestBalanceFixes(records, thresholds, &catalog);
  int violating = 0;
  for (const TemplateBalance& balance : before) violating += balance.violates ? 1 : 0;
  ASSERT_GT(violating, 3);
  ASSERT_EQ(static_cast<int>(suggestions.size()), violating);

  double previous_excess = 1.0;
  int with_drop = 0;
  for (const BalanceSuggestion& suggestion : suggestions) {
    const TemplateBalance& broken = *balanceOf(before, suggestion.template_text);
    const double excess = broken.dominant_share - (broken.binary ? thresholds.binary : thresholds.multi_class);
    EXPECT_LE(excess, previous_excess + 1e-12) << "worst first";
    previous_excess = excess;
    ASSERT_GT(suggestion.add_total, 0) << suggestion.template_text;
    // Adding: copies of one of its records with the suggested answers.
    const QaRecord* model = nullptr;
    for (const QaRecord* record : records) model = record->question_content == suggestion.template_text ? record : model;
    std::deque<QaRecord> added;
    RecordList with_added = records;
    for (const AnswerCount& answer : suggestion.add) {
      for (std::int64_t i = 0; i < answer.count; ++i) {
        added.push_back(*model);
        added.back().answer = answer.answer;
        with_added.push_back(&added.back());
      }
    }
    EXPECT_FALSE(balanceOf(analyzeTemplateBalance(with_added, thresholds), suggestion.template_text)->violates)
        << suggestion.template_text << ": " << suggestion.describe();
    // And it is the smallest such addition: one fewer still breaks the threshold.
    if (suggestion.add_total > 0) {
      with_added.pop_back();
      EXPECT_TRUE(balanceOf(analyzeTemplateBalance(with_added, thresholds), suggestion.template_text)->violates)
          << suggestion.template_text << ": " << suggestion.describe();
    }
    // Dropping: without the suggested records.
    if (suggestion.drop_total > 0) {
      ++with_drop;
      ASSERT_EQ(static_cast<std::int64_t>(suggestion.drop_records.size()), suggestion.drop_total);
      RecordList kept;
      for (std::size_t i = 0; i < records.size(); ++i) {
        if (std::find(suggestion.drop_records.begin(), suggestion.drop_records.end(), i) == suggestion.drop_records.end()) {
          kept.push_back(records[i]);
        }
      }
      EXPECT_FALSE(balanceOf(analyzeTemplateBalance(kept, thresholds), suggestion.template_text)->violates)
          << suggestion.template_text << ": " << suggestion.describe();
    }
  }
  EXPECT_GT(with_drop, 0);
}

}  // namespace
}  // namespace avqa
