#include <gtest/gtest.h>

#include "common/AvqaError.h"
#include "predictions/PredictionMatcher.h"
#include "support/TempDir.h"

namespace avqa {
namespace {

class PredictionFiles : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = dir_.file(name);
    test::writeBytes(path, text);
    return path;
  }
  // Three questions: ids 12, 28, 28 (a repeated id), positions 0..2.
  std::vector<StoredQuestion> questions() const {
    std::vector<StoredQuestion> result(3);
    const char* ids[] = {"12", "28", "28"};
    for (int i = 0; i < 3; ++i) {
      result[static_cast<std::size_t>(i)].row = 100 + i;
      result[static_cast<std::size_t>(i)].position = i;
      result[static_cast<std::size_t>(i)].record.question_id = ids[i];
    }
    return result;
  }
  test::TempDir dir_;
};

TEST_F(PredictionFiles, TabSeparatedWithHeader) {
  const auto entries = readPredictionFile(write("p.tsv", "question_id\tanswer\n12\tone\n28\tmore than ten\n"), {});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].key, "12");
  EXPECT_EQ(entries[1].prediction, "more than ten");
  EXPECT_EQ(entries[1].line, 3u);
}

TEST_F(PredictionFiles, CommaSeparatedWithoutHeaderAndChosenColumns) {
  const auto entries = readPredictionFile(write("p.csv", "x,12,one,0.9\ny,28,\"two\",0.4\n"), {1, 2});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].key, "12");
  EXPECT_EQ(entries[1].prediction, "two");
}

TEST_F(PredictionFiles, WhitespaceKeepsMultiWordAnswers) {
  const auto entries = readPredictionFile(write("p.txt", "12 more than ten\n28   yes\n"), {});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].prediction, "more than ten");
  EXPECT_EQ(entries[1].prediction, "yes");
}

TEST_F(PredictionFiles, JsonMapWithIndexesAndAnswerMap) {
  const auto entries = readPredictionFile(write("p.json", R"({"12": 2, "28": "yes"})"), {});
  ASSERT_EQ(entries.size(), 2u);
  const AnswerList answers = AnswerList::read(write("a.json", R"({"ans2ix": {"two": 0, "cello": 1, "congas": 2}})"));
  const PredictionMatch match = matchPredictions(entries, questions(), PredictionKey::QuestionId, &answers, "p.json");
  ASSERT_EQ(match.predictions.size(), 3u);  // id 28 applies to both of its records
  EXPECT_EQ(match.predictions[0].answer, "congas");
  EXPECT_EQ(match.predictions[1].question_row, 101);
  EXPECT_EQ(match.predictions[2].question_row, 102);
  EXPECT_EQ(match.repeated_ids, std::vector<std::string>{"28"});
  EXPECT_EQ(match.records_without_prediction, 0u);
}

TEST_F(PredictionFiles, PositionKeysAndListAnswers) {
  const auto entries = readPredictionFile(write("p.tsv", "0\t1\n2\t0\n7\t0\n"), {});
  const AnswerList answers = AnswerList::read(write("a.json", R"(["yes", "no"])"));
  const PredictionMatch match = matchPredictions(entries, questions(), PredictionKey::Position, &answers, "p.tsv");
  ASSERT_EQ(match.predictions.size(), 2u);
  EXPECT_EQ(match.predictions[0].question_row, 100);
  EXPECT_EQ(match.predictions[0].answer, "no");
  EXPECT_EQ(match.predictions[1].question_row, 102);
  EXPECT_EQ(match.unmatched_keys, std::vector<std::string>{"7"});
  EXPECT_EQ(match.records_without_prediction, 1u);
}

TEST_F(PredictionFiles, IndexesNeedAnAnswerListInRange) {
  const auto entries = readPredictionFile(write("p.tsv", "12\t5\n"), {});
  EXPECT_THROW(matchPredictions(entries, questions(), PredictionKey::QuestionId, nullptr, "p.tsv"), AvqaError);
  const AnswerList answers({"yes", "no"});
  try {
    matchPredictions(entries, questions(), PredictionKey::QuestionId, &answers, "p.tsv");
    FAIL() << "accepted an index outside the answer list";
  } catch (const AvqaError& error) {
    EXPECT_NE(std::string(error.what()).find("line 1: answer index 5 is outside the answer list"), std::string::npos)
        << error.what();
  }
}

TEST_F(PredictionFiles, BadFilesAreRefused) {
  EXPECT_THROW(readPredictionFile(write("list.json", "[1, 2]"), {}), AvqaError);
  EXPECT_THROW(readPredictionFile(write("broken.json", "{\"12\": "), {}), AvqaError);
  EXPECT_THROW(readPredictionFile(write("empty.tsv", ""), {}), AvqaError);
  EXPECT_THROW(readPredictionFile(write("short.tsv", "12\tyes\n"), {0, 4}), AvqaError);
  EXPECT_THROW(AnswerList::read(write("bad.json", R"({"ans2ix": {"a": -1}})")), AvqaError);
}

}  // namespace
}  // namespace avqa
