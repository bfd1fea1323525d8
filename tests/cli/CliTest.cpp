// The avqa-lens command line, run as a user runs it: a real process, real files, exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "support/TempDir.h"

namespace {

using avqa::test::fixturePath;
using avqa::test::readBytes;
using avqa::test::writeBytes;

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class Cli : public ::testing::Test {
 protected:
  CommandResult run(const std::string& arguments) {
    const std::string out = dir_.file("stdout.txt");
    const std::string err = dir_.file("stderr.txt");
    const std::string command = std::string(AVQA_LENS_EXE) + " " + arguments + " >" + out + " 2>" + err + " </dev/null";
    const int status = std::system(command.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = readBytes(out);
    result.err = readBytes(err);
    return result;
  }
  std::string path(const std::string& name) const { return dir_.file(name); }
  std::string project() const { return dir_.file("p.avqa"); }

  avqa::test::TempDir dir_;
};

TEST_F(Cli, ImportReportsCountsDuplicatesAndMissingIds) {
  const CommandResult result = run("import " + project() + " --music-avqa " + fixturePath("avqa-quirks-indent.json"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("split \"quirks-indent\""), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("8 records, 6 videos, 7 templates"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Duplicated question ids, all records kept (1): 28 (2 records, answers differ)"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("Records without question_id, all kept (2): #6, #7"), std::string::npos) << result.out;
}

TEST_F(Cli, ExportOfAnUneditedImportIsByteIdentical) {
  for (const char* fixture : {"avqa-quirks-indent.json", "quirks-oneline.json"}) {
    ASSERT_EQ(run("import " + project() + " --music-avqa " + fixturePath(fixture) + " --split s --replace").exit_code, 0);
    const CommandResult result = run("export " + project() + " --split s --out " + path("out.json"));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(readBytes(path("out.json")), readBytes(fixturePath(fixture))) << fixture;
  }
}

TEST_F(Cli, ExistingSplitIsRefusedWithoutReplace) {
  const std::string import = "import " + project() + " --music-avqa " + fixturePath("quirks-oneline.json") + " --split test";
  ASSERT_EQ(run(import).exit_code, 0);
  const CommandResult again = run(import);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("split \"test\" already exists (use --replace"), std::string::npos) << again.err;
  EXPECT_EQ(run(import + " --replace").exit_code, 0);
}

// Bad input: exit 1, one line naming the file and the problem, the project as it was.
TEST_F(Cli, BadQuestionFilesLeaveTheProjectUnchanged) {
  ASSERT_EQ(run("import " + project() + " --music-avqa " + fixturePath("avqa-quirks-indent.json") + " --split keep").exit_code, 0);
  const std::string before = run("export " + project() + " --split keep --out " + path("before.json")).err;
  const std::string full = readBytes(fixturePath("avqa-quirks-indent.json"));
  struct Case {
    std::string name;
    std::string bytes;
    std::string problem;
  };
  const std::vector<Case> cases = {
      {"truncated.json", full.substr(0, full.size() / 2), "malformed JSON"},
      {"object.json", "{\"records\": []}", "top level is not a JSON list"},
      {"no_content.json", "[{\"video_id\": \"1\", \"anser\": \"yes\"}]", "has no \"question_content\""},
      {"empty.json", "", "is empty (0 bytes)"},
      {"latin1.json", "[{\"video_id\": \"caf\xe9\", \"question_content\": \"x\"}]", "not valid UTF-8"},
  };
  for (const Case& bad : cases) {
    writeBytes(path(bad.name), bad.bytes);
    const CommandResult result = run("import " + project() + " --music-avqa " + path(bad.name) + " --split keep --replace");
    EXPECT_EQ(result.exit_code, 1) << bad.name;
    EXPECT_NE(result.err.find(path(bad.name) + ": "), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(bad.problem), std::string::npos) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  }
  const CommandResult directory = run("import " + project() + " --music-avqa " + dir_.path() + " --split keep --replace");
  EXPECT_EQ(directory.exit_code, 1);
  EXPECT_NE(directory.err.find("is a directory"), std::string::npos) << directory.err;
  ASSERT_EQ(run("export " + project() + " --split keep --out " + path("after.json")).exit_code, 0);
  EXPECT_EQ(readBytes(path("after.json")), full);
}

TEST_F(Cli, AFailedImportDoesNotCreateAProject) {
  writeBytes(path("bad.json"), "[{");
  EXPECT_EQ(run("import " + path("new.avqa") + " --music-avqa " + path("bad.json")).exit_code, 1);
  EXPECT_NE(run("stats " + path("new.avqa")).err.find("no such project file"), std::string::npos);
}

TEST_F(Cli, WrongKindOfProjectFileIsRefused) {
  writeBytes(path("notes.avqa"), "just text\n");
  const CommandResult result = run("stats " + path("notes.avqa"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("not an AVQA Lens project"), std::string::npos) << result.err;
  EXPECT_EQ(readBytes(path("notes.avqa")), "just text\n");
}

TEST_F(Cli, UsageErrorsExitTwoAndHelpExitsZero) {
  // No arguments opens the window; without a display that is a clear failure, not a hang.
  const std::string saved_display = std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "";
  unsetenv("DISPLAY");
  unsetenv("WAYLAND_DISPLAY");
  unsetenv("QT_QPA_PLATFORM");
  const CommandResult bare = run("");
  if (!saved_display.empty()) setenv("DISPLAY", saved_display.c_str(), 1);
  EXPECT_EQ(bare.exit_code, 1);
  EXPECT_NE(bare.err.find("no display"), std::string::npos) << bare.err;
  EXPECT_NE(bare.err.find("--help"), std::string::npos) << bare.err;
  EXPECT_EQ(run("import " + project()).exit_code, 2);  // --music-avqa missing
  EXPECT_EQ(run("stats " + project() + " --binary-threshold 1.5").exit_code, 2);
  EXPECT_EQ(run("table " + project() + " --run r --by nonsense").exit_code, 2);
  EXPECT_EQ(run("frobnicate").exit_code, 2);
  const CommandResult missing_project = run("open " + path("nowhere.avqa"));
  EXPECT_EQ(missing_project.exit_code, 2);
  EXPECT_NE(missing_project.err.find("nowhere.avqa"), std::string::npos) << missing_project.err;
  for (const char* command : {"import", "export", "stats", "import-predictions", "table", "example-questions", "open"}) {
    const CommandResult help = run(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << command << help.out;
  }
}

TEST_F(Cli, StatsJsonHasTheDocumentedShape) {
  ASSERT_EQ(run("import " + project() + " --music-avqa " + fixturePath("avqa-quirks-indent.json") + " --split test").exit_code, 0);
  const CommandResult result = run("stats " + project() + " --split test --json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto stats = nlohmann::json::parse(result.out);
  ASSERT_EQ(stats["templates"].size(), 7u);
  const auto& always_playing = stats["templates"][1];
  EXPECT_EQ(always_playing["template"], "Is the <Object> in the video always playing?");
  EXPECT_EQ(always_playing["modality"], "Audio-Visual");
  EXPECT_EQ(always_playing["type"], "Existential");
  EXPECT_EQ(always_playing["n"], 2);
  EXPECT_EQ(always_playing["answers"]["no"], 1);
  EXPECT_EQ(always_playing["dominant_answer"], "no");  // tie: first seen
  EXPECT_DOUBLE_EQ(always_playing["dominant_share"].get<double>(), 0.5);
  EXPECT_EQ(always_playing["binary"], true);
  EXPECT_EQ(always_playing["violates"], false);
  EXPECT_EQ(stats["head_tail"]["group_by"], "modality+type");
  EXPECT_TRUE(stats["head_tail"]["groups"].contains("Audio-Visual/Existential"));
  // Each template's own majority: 7 of 8 records right (the tied pair gets one right).
  EXPECT_DOUBLE_EQ(stats["blind_baseline_accuracy"].get<double>(), 87.5);
  const auto by_template = nlohmann::json::parse(run("stats " + project() + " --json --group template").out);
  EXPECT_EQ(by_template["head_tail"]["group_by"], "template");
}

TEST_F(Cli, PredictionsTableAndAmbiguousSplits) {
  ASSERT_EQ(run("import " + project() + " --music-avqa " + fixturePath("avqa-quirks-indent.json") + " --split test").exit_code, 0);
  // ids 12 (Audio/Counting) right, 28 (two records, answers no/yes) "no", 40 wrong.
  writeBytes(path("pred.tsv"), "question_id\tanswer\n12\tone\n28\tno\n40\tthree\n");
  CommandResult stored = run("import-predictions " + project() + " " + path("pred.tsv") + " --run mine");
  ASSERT_EQ(stored.exit_code, 0) << stored.err;
  EXPECT_NE(stored.out.find("4 of 8 questions have a prediction"), std::string::npos) << stored.out;
  EXPECT_NE(stored.out.find("Question ids that apply to several records (1): 28"), std::string::npos) << stored.out;

  const CommandResult table = run("table " + project() + " --run mine --json --by template");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  const auto json = nlohmann::json::parse(table.out);
  EXPECT_EQ(json["split"], "test");
  EXPECT_EQ(json["missing"], 4);
  EXPECT_DOUBLE_EQ(json["groups"]["Audio/Counting"]["accuracy"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(json["groups"]["Audio-Visual/Existential"]["accuracy"].get<double>(), 50.0);
  EXPECT_EQ(json["groups"]["Audio-Visual/Existential"]["n"], 2);
  EXPECT_DOUBLE_EQ(json["overall"].get<double>(), 25.0);  // 2 of 8; missing count wrong
  EXPECT_EQ(json["groups"].size(), 9u);
  EXPECT_TRUE(json["modalities"].contains("Audio-Visual"));
  EXPECT_TRUE(json.contains("head") && json.contains("tail"));
  EXPECT_EQ(json["templates"]["How many musical instruments were heard throughout the video?"]["n"], 1);

  const CommandResult text = run("table " + project() + " --run mine");
  EXPECT_NE(text.out.find("Audio-Visual"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("25.00"), std::string::npos) << text.out;

  // The same table for spreadsheets and papers.
  const CommandResult csv = run("table " + project() + " --run mine --format csv");
  EXPECT_EQ(csv.out.substr(0, csv.out.find("\r\n")).substr(0, 30), "run,split,Audio Count,Audio Co");
  EXPECT_NE(csv.out.find("mine,test,100.00,"), std::string::npos) << csv.out;
  const CommandResult markdown = run("table " + project() + " --run mine --format markdown --by template");
  EXPECT_NE(markdown.out.find("| template | questions | accuracy |\n|---|---|---|"), std::string::npos) << markdown.out;

  // Comparing runs: with itself, no disagreement; with another, the difference and the questions.
  const CommandResult itself = run("compare " + project() + " mine mine");
  ASSERT_EQ(itself.exit_code, 0) << itself.err;
  EXPECT_NE(itself.out.find("0 questions answered differently"), std::string::npos) << itself.out;
  writeBytes(path("pred2.tsv"), "question_id\tanswer\n12\ttwo\n28\tno\n40\ttwo\n");
  ASSERT_EQ(run("import-predictions " + project() + " " + path("pred2.tsv") + " --run theirs").exit_code, 0);
  const CommandResult versus = run("compare " + project() + " mine theirs --show a-right-b-wrong");
  ASSERT_EQ(versus.exit_code, 0) << versus.err;
  // id 12 (one -> two: mine right), id 40 (three -> two: theirs right).
  EXPECT_NE(versus.out.find("2 questions answered differently: 1 where only mine is right, 1 where only theirs is right"),
            std::string::npos) << versus.out;
  EXPECT_NE(versus.out.find("How many musical instruments were heard throughout the video?"), std::string::npos) << versus.out;
  EXPECT_EQ(versus.out.find("What kind of instrument"), std::string::npos) << versus.out;
  const CommandResult deltas = run("compare " + project() + " mine theirs --format csv");
  EXPECT_NE(deltas.out.find("Audio/Counting,100.00,0.00,-100.00"), std::string::npos) << deltas.out;

  // The same ids in a second split: the file no longer says which split it is for.
  ASSERT_EQ(run("import " + project() + " --music-avqa " + fixturePath("quirks-oneline.json") + " --split val").exit_code, 0);
  const CommandResult ambiguous = run("import-predictions " + project() + " " + path("pred.tsv") + " --run other");
  EXPECT_EQ(ambiguous.exit_code, 1);
  EXPECT_NE(ambiguous.err.find("choose one with --split"), std::string::npos) << ambiguous.err;
  EXPECT_EQ(run("import-predictions " + project() + " " + path("pred.tsv") + " --run other --split val").exit_code, 0);
  EXPECT_EQ(run("import-predictions " + project() + " " + path("pred.tsv") + " --run other --split val").exit_code, 1);
}

TEST_F(Cli, IndexPredictionsWithTheReleasedAnswerMap) {
  ASSERT_EQ(run("import " + project() + " --music-avqa " + fixturePath("avqa-quirks-indent.json") + " --split test").exit_code, 0);
  // answer2idx.json as released: "two" is 0, "one" is 8.
  writeBytes(path("pred.json"), R"({"12": 8, "40": 0})");
  const std::string answers = std::string(AVQA_FIXTURES_DIR) + "/../../core/data/answer2idx.json";
  ASSERT_EQ(run("import-predictions " + project() + " " + path("pred.json") + " --run idx --answers " + answers).exit_code, 0);
  const auto json = nlohmann::json::parse(run("table " + project() + " --run idx --json").out);
  EXPECT_DOUBLE_EQ(json["groups"]["Audio/Counting"]["accuracy"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(json["groups"]["Audio-Visual/Counting"]["accuracy"].get<double>(), 100.0);
  writeBytes(path("bad.json"), R"({"12": 99})");
  const CommandResult out_of_range = run("import-predictions " + project() + " " + path("bad.json") + " --run bad --answers " + answers);
  EXPECT_EQ(out_of_range.exit_code, 1);
  EXPECT_NE(out_of_range.err.find("outside the answer list"), std::string::npos) << out_of_range.err;
}

}  // namespace

namespace {

class CliSynth : public Cli {};

// Two runs of the command with one seed: the same bytes in every file (MP4s included).
TEST_F(CliSynth, SameSeedGivesTheSameFilesAcrossRuns) {
  const std::string common = " --videos 4 --seconds 3 --questions-per-video 8 --seed 5";
  ASSERT_EQ(run("synth --out " + path("a") + common).exit_code, 0);
  ASSERT_EQ(run("synth --out " + path("b") + common).exit_code, 0);
  for (const char* name : {"avqa-train.json", "avqa-test.json", "groundtruth.json", "videos/00000001.mp4",
                           "videos/00000002.mp4", "videos/00000003.mp4", "videos/00000004.mp4"}) {
    EXPECT_EQ(readBytes(path("a/") + name), readBytes(path("b/") + name)) << name;
  }
}

TEST_F(CliSynth, BadOptionsAndPlacesAreRefused) {
  EXPECT_EQ(run("synth --out " + path("x") + " --videos 0").exit_code, 2);
  EXPECT_EQ(run("synth --out " + path("x") + " --seconds 100000").exit_code, 2);
  writeBytes(path("file"), "x");
  const CommandResult unwritable = run("synth --out " + path("file") + "/inside --videos 1");
  EXPECT_EQ(unwritable.exit_code, 1);
  EXPECT_NE(unwritable.err.find(path("file") + "/inside: cannot create folder"), std::string::npos) << unwritable.err;
  const CommandResult no_soundfont = run("synth --out " + path("y") + " --videos 1 --soundfont " + path("none.sf2"));
  EXPECT_EQ(no_soundfont.exit_code, 1);
  EXPECT_NE(no_soundfont.err.find("timgm6mb-soundfont"), std::string::npos) << no_soundfont.err;
}

TEST_F(CliSynth, GeneratedSplitsImportAndAreBalanced) {
  ASSERT_EQ(run("synth --out " + path("bench") + " --videos 20 --seconds 4 --seed 2").exit_code, 0);
  ASSERT_EQ(run("import " + project() + " --music-avqa " + path("bench/avqa-test.json")).exit_code, 0);
  const auto stats = nlohmann::json::parse(run("stats " + project() + " --split test --json").out);
  ASSERT_GT(stats["templates"].size(), 5u);
  for (const auto& entry : stats["templates"]) EXPECT_FALSE(entry["violates"].get<bool>()) << entry.dump();
  EXPECT_LT(stats["blind_baseline_accuracy"].get<double>(), 50.0);
  ASSERT_EQ(run("synth --out " + path("biased") + " --videos 20 --seconds 4 --seed 2 --biased").exit_code, 0);
  ASSERT_EQ(run("import " + project() + " --music-avqa " + path("biased/avqa-train.json") + " --split biased").exit_code, 0);
  const auto biased = nlohmann::json::parse(run("stats " + project() + " --split biased --json").out);
  int violating = 0;
  for (const auto& entry : biased["templates"]) violating += entry["violates"].get<bool>() ? 1 : 0;
  EXPECT_GT(violating, static_cast<int>(biased["templates"].size()) / 2);
}

}  // namespace
