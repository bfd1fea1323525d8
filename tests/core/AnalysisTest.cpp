#include <gtest/gtest.h>

#include <deque>

#include "analysis/AccuracyTable.h"
#include "analysis/HeadTailSplit.h"
#include "analysis/TemplateBalance.h"
#include "analysis/TemplateMajorityBaseline.h"

namespace avqa {
namespace {

// Builds small record sets whose numbers are worked out by hand in each test.
class Records {
 public:
  Records& add(const std::string& templ, const std::string& modality, const std::string& type,
               const std::string& answer, int times = 1) {
    for (int i = 0; i < times; ++i) {
      QaRecord record;
      record.question_content = templ;
      record.modality = modality;
      record.question_type = type;
      record.answer = answer;
      storage_.push_back(record);
      list_.push_back(&storage_.back());
    }
    return *this;
  }
  const RecordList& list() const { return list_; }

 private:
  std::deque<QaRecord> storage_;  // stable addresses
  RecordList list_;
};

TEST(TemplateBalance, SharesBinaryKindAndThresholds) {
  Records records;
  records.add("T1", "Audio", "Counting", "yes", 3).add("T1", "Audio", "Counting", "no", 1);  // 3/4 = 0.75
  records.add("T2", "Visual", "Location", "a", 2).add("T2", "Visual", "Location", "b", 2)
      .add("T2", "Visual", "Location", "c", 1);                                               // tie a/b: 2/5
  records.add("T3", "Audio", "Comparative", "no", 2).add("T3", "Audio", "Comparative", "yes", 3);  // 3/5 = 0.6
  const auto balance = analyzeTemplateBalance(records.list(), BalanceThresholds{});
  ASSERT_EQ(balance.size(), 3u);
  EXPECT_EQ(balance[0].n, 4);
  EXPECT_DOUBLE_EQ(balance[0].dominant_share, 0.75);
  EXPECT_TRUE(balance[0].binary);
  EXPECT_TRUE(balance[0].violates);  // 0.75 > 0.60
  EXPECT_EQ(balance[1].dominant_answer, "a");  // tie goes to the answer seen first
  EXPECT_DOUBLE_EQ(balance[1].dominant_share, 0.4);
  EXPECT_FALSE(balance[1].binary);
  EXPECT_FALSE(balance[1].violates);  // 0.40 <= 0.50
  EXPECT_DOUBLE_EQ(balance[2].dominant_share, 0.6);
  EXPECT_FALSE(balance[2].violates);  // exactly at the threshold is allowed
  const auto strict = analyzeTemplateBalance(records.list(), BalanceThresholds{0.55, 0.35});
  EXPECT_TRUE(strict[1].violates);
  EXPECT_TRUE(strict[2].violates);
}

TEST(HeadTailSplit, MusicAvqaRRule) {
  Records records;
  // Audio/Counting: one x6, two x3, three x1 -> mean 10/3, 1.2 x mean = 4: head = {one}.
  records.add("How many", "Audio", "Counting", "one", 6).add("How many", "Audio", "Counting", "two", 3)
      .add("Is there", "Audio", "Counting", "three", 1);
  // Visual/Location: left x2, right x2 -> mean 2, threshold 2.4: everything tail.
  records.add("Where", "Visual", "Location", "left", 2).add("Where", "Visual", "Location", "right", 2);
  const HeadTailSplit split(records.list(), HeadTailGrouping::ModalityType);
  ASSERT_EQ(split.groups().size(), 2u);
  const HeadTailGroup& audio = split.groups()[0];
  EXPECT_EQ(audio.group, "Audio/Counting");
  EXPECT_NEAR(audio.mean_count, 10.0 / 3.0, 1e-12);
  EXPECT_EQ(audio.head_answers, std::vector<std::string>{"one"});
  EXPECT_EQ(audio.tail_answers, (std::vector<std::string>{"two", "three"}));
  EXPECT_EQ(audio.head_n, 6);
  EXPECT_EQ(audio.tail_n, 4);
  EXPECT_TRUE(split.groups()[1].head_answers.empty());
  EXPECT_EQ(split.groups()[1].tail_n, 4);

  // By template, "Is there" is its own group with one answer: mean 1, not above 1.2.
  const HeadTailSplit by_template(records.list(), HeadTailGrouping::Template);
  EXPECT_EQ(by_template.groups().size(), 3u);
  EXPECT_EQ(by_template.groups()[1].group, "Is there");
  EXPECT_EQ(by_template.groups()[1].tail_answers, std::vector<std::string>{"three"});
}

TEST(TemplateMajorityBaseline, TiesAndUnseenTemplates) {
  Records fit;
  fit.add("T1", "A", "x", "yes", 3).add("T1", "A", "x", "no", 1);
  fit.add("T2", "A", "x", "b", 2).add("T2", "A", "x", "a", 2);  // tie: b was seen first
  fit.add("T3", "A", "x", "two", 5);                          // overall majority: two (5 > 3)
  Records test;
  test.add("T1", "A", "x", "yes", 2).add("T1", "A", "x", "no", 2);  // 2 right
  test.add("T2", "A", "x", "b", 1).add("T2", "A", "x", "a", 1);     // 1 right
  test.add("T9", "A", "x", "two", 1).add("T9", "A", "x", "one", 1);  // unseen: answers "two": 1 right
  const TemplateMajorityBaseline baseline(fit.list());
  EXPECT_EQ(baseline.predict(*test.list()[4]), "b");
  EXPECT_EQ(baseline.predict(*test.list()[6]), "two");
  EXPECT_DOUBLE_EQ(baseline.accuracyPercent(test.list()), 50.0);  // 4 of 8
  Records three;
  three.add("T1", "A", "x", "yes", 2).add("T1", "A", "x", "no", 1);
  EXPECT_DOUBLE_EQ(baseline.accuracyPercent(three.list()), 66.67);  // two decimals
}

TEST(AccuracyTable, MicroAveragesAndMissingPredictions) {
  Records records;
  records.add("c", "Audio", "Counting", "one", 3);     // predicted right x3
  records.add("p", "Audio", "Comparative", "yes", 1);  // predicted wrong
  records.add("l", "Visual", "Location", "left", 2);   // one right, one missing
  std::vector<std::optional<std::string>> predictions = {"one", "one", "one", "no", "left", std::nullopt};
  const HeadTailSplit head_tail(records.list(), HeadTailGrouping::ModalityType);
  const AccuracyTable table = computeAccuracyTable(records.list(), predictions, head_tail);
  EXPECT_DOUBLE_EQ(table.groups.at("Audio/Counting").percent(), 100.0);
  EXPECT_DOUBLE_EQ(table.groups.at("Audio/Comparative").percent(), 0.0);
  EXPECT_DOUBLE_EQ(table.modalities.at("Audio").percent(), 75.0);  // micro: 3/4, macro would be 50
  EXPECT_DOUBLE_EQ(table.modalities.at("Visual").percent(), 50.0);
  EXPECT_DOUBLE_EQ(table.overall.percent(), 66.67);                  // 4 of 6
  EXPECT_EQ(table.missing, 1);
  EXPECT_EQ(table.groups.at("Audio-Visual/Temporal").n, 0);
  // Every group here has a single answer (mean = its count): all tail.
  EXPECT_EQ(table.head.n, 0);
  EXPECT_EQ(table.tail.n, 6);
}

}  // namespace
}  // namespace avqa
