#include <gtest/gtest.h>

#include "annotation/ComparisonSwap.h"

namespace avqa {
namespace {

QaRecord record(const std::string& content, std::vector<std::string> values, const std::string& answer) {
  QaRecord r;
  r.video_id = "00000007";
  r.question_id = "41";
  r.modality = "Audio";
  r.question_type = "Comparative";
  r.question_content = content;
  r.templ_values = std::move(values);
  r.answer = answer;
  return r;
}

TEST(ComparisonSwap, AsksTheOtherWayRoundWithTheAnswerFlipped) {
  const auto swapped = swappedComparison(record("Is the <Object> louder than the <Object>?", {"violin", "piano"}, "yes"));
  ASSERT_TRUE(swapped.has_value());
  EXPECT_EQ(swapped->templ_values, (std::vector<std::string>{"piano", "violin"}));
  EXPECT_EQ(swapped->answer, "no");
  EXPECT_EQ(swapped->video_id, "00000007");
  EXPECT_EQ(swapped->question_content, "Is the <Object> louder than the <Object>?");
  EXPECT_FALSE(swapped->question_id.has_value()) << "a made-up question is not the file's question 41";
}

TEST(ComparisonSwap, MovesEachSidesPlaceholdersTogether) {
  const auto swapped = swappedComparison(record("Is the <Object> on the <LR> more rhythmic than the <Object> on the <LR>?",
                                                {"cello", "left", "flute", "right"}, "no"));
  ASSERT_TRUE(swapped.has_value());
  EXPECT_EQ(swapped->templ_values, (std::vector<std::string>{"flute", "right", "cello", "left"}));
  EXPECT_EQ(swapped->answer, "yes");
}

TEST(ComparisonSwap, LeavesEveryOtherQuestionAlone) {
  EXPECT_FALSE(swappedComparison(record("Are there <Object> and <Object> sound? ", {"violin", "piano"}, "yes")));
  EXPECT_FALSE(swappedComparison(record("How many instruments are sounding in the video?", {}, "more than ten")));
  EXPECT_FALSE(swappedComparison(record("Is the <Object> louder than the <Object>?", {"violin", "piano"}, "violin")))
      << "not a yes/no answer";
  EXPECT_FALSE(swappedComparison(record("Is the <Object> louder than the <Object>?", {"violin"}, "yes")))
      << "a value missing";
  EXPECT_FALSE(swappedComparison(record("Is the <Object> on the <LR> louder than the <Object>?", {"a", "left", "b"}, "no")))
      << "uneven sides";
}

}  // namespace
}  // namespace avqa
