#include <gtest/gtest.h>

#include "dataset/JsonText.h"
#include "dataset/MusicAvqaFile.h"
#include "dataset/RecordEditor.h"
#include "support/TempDir.h"

namespace avqa {
namespace {

using test::fixturePath;

class EditorStyles : public ::testing::TestWithParam<std::pair<const char*, const char*>> {};

// Rewriting a record with its own members must give back its bytes: the detected style is
// exactly json.dump's, for every record of the quirk fixtures (nested lists, non-ASCII...).
TEST_P(EditorStyles, RewritingUnchangedMembersReproducesEveryRecord) {
  const MusicAvqaFile file = readMusicAvqaFile(fixturePath(GetParam().first));
  const RecordEditor editor(file.style);
  for (const QaRecord& record : file.records) {
    const std::string_view raw = file.rawOf(record);
    const std::vector<JsonMember> members = splitJsonObject(raw);
    EXPECT_EQ(editor.withMember(raw, members.front().key, members.front().value_json), raw);
  }
}

// The edited record must equal what Python's json.dump wrote for the edited data.
TEST_P(EditorStyles, AnswerEditMatchesPythonJsonDump) {
  const MusicAvqaFile original = readMusicAvqaFile(fixturePath(GetParam().first));
  const MusicAvqaFile expected = readMusicAvqaFile(fixturePath(GetParam().second));
  const RecordEditor editor(original.style);
  EXPECT_EQ(editor.withAnswer(original.rawOf(original.records[5]), "no"), expected.rawOf(expected.records[5]));
}

INSTANTIATE_TEST_SUITE_P(BothStyles, EditorStyles,
                         ::testing::Values(std::make_pair("avqa-quirks-indent.json", "avqa-quirks-indent.edited.json"),
                                           std::make_pair("quirks-oneline.json", "quirks-oneline.edited.json")));

TEST(RecordEditor, TemplValuesKeepTheirKind) {
  const MusicAvqaFile file = readMusicAvqaFile(fixturePath("avqa-quirks-indent.json"));
  const RecordEditor editor(file.style);
  const std::string as_string = editor.withTemplValues(file.rawOf(file.records[1]), {"cello"});
  EXPECT_NE(as_string.find(R"("templ_values": "[\"cello\"]")"), std::string::npos) << as_string;
  const std::string as_list = editor.withTemplValues(file.rawOf(file.records[5]), {"piano", "right"});
  EXPECT_NE(as_list.find("\"templ_values\": [\n      \"piano\",\n      \"right\"\n    ]"), std::string::npos) << as_list;
}

TEST(RecordEditor, ComposedRecordReadsBack) {
  QaRecord record;
  record.video_id = "00000042";
  record.question_id = "9";
  record.modality = "Audio-Visual";
  record.question_type = "Counting";
  record.question_content = "How many sounding <Object> in the video\xef\xbc\x9f";
  record.templ_values = {"violin"};
  record.answer = "two";
  const std::string raw = RecordEditor(PyJsonStyle::indented(2)).compose(record);
  const MusicAvqaFile file = parseMusicAvqaText("[\n  " + raw + "\n]", "composed.json");
  ASSERT_EQ(file.records.size(), 1u);
  EXPECT_EQ(file.records[0].question_content, record.question_content);
  EXPECT_EQ(file.records[0].templ_values, record.templ_values);
  EXPECT_EQ(file.records[0].answer, "two");
  EXPECT_NE(raw.find("\\uff1f"), std::string::npos);
}

}  // namespace
}  // namespace avqa
