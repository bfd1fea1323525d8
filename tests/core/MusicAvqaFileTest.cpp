#include <gtest/gtest.h>

#include <filesystem>

#include "common/AvqaError.h"
#include "dataset/ImportSummary.h"
#include "dataset/MusicAvqaFile.h"
#include "support/TempDir.h"

namespace avqa {
namespace {

using test::fixturePath;
using test::readBytes;

std::string roundTrip(const MusicAvqaFile& file) { return file.toText(); }

class QuirkFixtures : public ::testing::TestWithParam<const char*> {};

TEST_P(QuirkFixtures, RoundTripIsByteIdentical) {
  const std::string path = fixturePath(GetParam());
  const MusicAvqaFile file = readMusicAvqaFile(path);
  ASSERT_EQ(file.records.size(), 8u);
  EXPECT_EQ(roundTrip(file), readBytes(path));
}

TEST_P(QuirkFixtures, ParsesEveryQuirk) {
  const MusicAvqaFile file = readMusicAvqaFile(fixturePath(GetParam()));
  const auto& r = file.records;
  EXPECT_EQ(r[0].video_id, "00000093");
  EXPECT_EQ(r[0].question_id, "12");
  EXPECT_EQ(r[0].modality, "Audio");
  EXPECT_EQ(r[0].question_type, "Counting");
  EXPECT_TRUE(r[0].templ_values.empty());
  EXPECT_EQ(r[1].question_id, r[2].question_id);  // duplicated id, both kept
  EXPECT_NE(r[1].answer, r[2].answer);
  EXPECT_EQ(r[1].templ_values, std::vector<std::string>{"violin"});
  EXPECT_EQ(r[3].question_content, "How many sounding <Object> in the video\xef\xbc\x9f");
  EXPECT_EQ(r[4].question_content, "What kind of instrument is the <LRer> instrument? ");
  EXPECT_FALSE(r[5].question_id.has_value());
  EXPECT_EQ(r[5].modality, "Audio-Visual");  // type as a real list (v2.0)
  EXPECT_EQ(r[5].templ_values, (std::vector<std::string>{"cello", "left", "violin", "right"}));
  EXPECT_EQ(r[5].answer, "yes");
  EXPECT_NE(file.rawOf(r[5]).find("\"unmatch_audio\""), std::string::npos);
  EXPECT_FALSE(r[6].question_id.has_value());
  EXPECT_FALSE(r[6].deleted);
  EXPECT_TRUE(r[7].deleted);
}

// Records out of their original order, edited or new take json.dump's separators; records
// that keep their neighbours keep the bytes between them.
TEST(MusicAvqaFile, WritesMovedEditedAndNewRecordsInStyle) {
  const MusicAvqaFile file = readMusicAvqaFile(fixturePath("avqa-quirks-indent.json"));
  QaRecord added;
  added.raw = "{\n    \"video_id\": \"9\"\n  }";
  QaRecord edited = file.records[1];
  edited.raw = "{\n    \"video_id\": \"00000086\"\n  }";
  const std::string text = writeMusicAvqaText(file.text, file.records.size(), file.style,
                                              {&file.records[0], &edited, &file.records[3], &added});
  const std::string expected = "[\n  " + std::string(file.rawOf(file.records[0])) + ",\n  " + edited.raw +
                               ",\n  " + std::string(file.rawOf(file.records[3])) + ",\n  " + added.raw + "\n]";
  EXPECT_EQ(text, expected);
  EXPECT_EQ(writeMusicAvqaText(file.text, file.records.size(), file.style, {}), "[]");
}

INSTANTIATE_TEST_SUITE_P(BothStyles, QuirkFixtures,
                         ::testing::Values("avqa-quirks-indent.json", "quirks-oneline.json"));

TEST(MusicAvqaFile, DetectsJsonDumpStyles) {
  const MusicAvqaFile indented = readMusicAvqaFile(fixturePath("avqa-quirks-indent.json"));
  EXPECT_EQ(indented.style.indent, 2);
  EXPECT_EQ(indented.style.item_separator, ",");
  EXPECT_EQ(indented.style.key_separator, ": ");
  const MusicAvqaFile one_line = readMusicAvqaFile(fixturePath("quirks-oneline.json"));
  EXPECT_EQ(one_line.style.indent, 0);
  EXPECT_EQ(one_line.style.item_separator, ", ");
}

TEST(ImportSummary, CountsAndReportsDuplicatesAndMissingIds) {
  const ImportSummary summary = summarizeImport(readMusicAvqaFile(fixturePath("avqa-quirks-indent.json")));
  EXPECT_EQ(summary.records, 8u);
  EXPECT_EQ(summary.videos, 6u);
  EXPECT_EQ(summary.templates, 7u);
  ASSERT_EQ(summary.duplicated_ids.size(), 1u);
  EXPECT_EQ(summary.duplicated_ids[0].question_id, "28");
  EXPECT_EQ(summary.duplicated_ids[0].distinct_answers, 2u);
  EXPECT_EQ(summary.records_without_id, (std::vector<std::size_t>{6, 7}));
}

TEST(ImportSummary, DefaultSplitName) {
  EXPECT_EQ(defaultSplitName("/data/avqa-test.json"), "test");
  EXPECT_EQ(defaultSplitName("test_balance.json"), "test_balance");
  EXPECT_EQ(defaultSplitName("dir.v2/avqa-train_v2.json"), "train_v2");
}

// Bad input: each is refused with a message that names the file and says what is wrong.
struct BadInput {
  const char* name;
  std::string bytes;
  const char* expected_problem;
};

class BadQuestionFiles : public ::testing::TestWithParam<BadInput> {};

TEST_P(BadQuestionFiles, AreRefusedWithAClearMessage) {
  test::TempDir dir;
  const std::string path = dir.file(GetParam().name);
  test::writeBytes(path, GetParam().bytes);
  try {
    readMusicAvqaFile(path);
    FAIL() << "accepted " << GetParam().name;
  } catch (const AvqaError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_NE(message.find(GetParam().expected_problem), std::string::npos) << message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadQuestionFiles,
    ::testing::Values(
        BadInput{"truncated.json", "[\n  {\n    \"video_id\": \"1\",\n    \"question_content\": \"Is", "malformed JSON"},
        BadInput{"object.json", "{\"video_id\": \"1\"}", "top level is not a JSON list"},
        BadInput{"no_content.json", "[\n  {\n    \"video_id\": \"1\",\n    \"anser\": \"yes\"\n  }\n]",
                 "record 1 (line 2): record has no \"question_content\""},
        BadInput{"number.json", "[{\"video_id\": \"1\", \"question_content\": \"x\"}, 5]", "record 2 is not a JSON object"},
        BadInput{"latin1.json", "[{\"video_id\": \"caf\xe9\", \"question_content\": \"x\"}]", "not valid UTF-8 text (line 1, column 19)"},
        BadInput{"empty.json", "", "is empty (0 bytes)"},
        BadInput{"trailing.json", "[{\"video_id\": \"1\", \"question_content\": \"x\"}] []", "unexpected text after the list"},
        BadInput{"bad_type.json", "[{\"video_id\": \"1\", \"question_content\": \"x\", \"type\": \"Audio\"}]",
                 "\"type\" does not hold a JSON list of strings"}),
    [](const auto& param_info) {
      std::string name = param_info.param.name;
      return name.substr(0, name.find('.'));
    });

TEST(BadQuestionFiles, DirectoryIsRefused) {
  test::TempDir dir;
  try {
    readMusicAvqaFile(dir.path());
    FAIL() << "accepted a directory";
  } catch (const AvqaError& error) {
    EXPECT_NE(std::string(error.what()).find("is a directory"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace avqa
