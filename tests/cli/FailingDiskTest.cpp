// A disk that fills (a file-size limit, as `ulimit -f` sets it) while importing, editing,
// storing a run and exporting; a project that is read-only. Each time the command says what
// happened and exits 1, the project stays intact, and every acknowledged edit is kept.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "support/TempDir.h"
#include "support/TestVideos.h"

namespace {

using avqa::test::readBytes;
using avqa::test::writeBytes;

struct Outcome {
  int exit_code = -1;  // -1: killed by a signal (SIGXFSZ would be one)
  std::string out, err;
};

std::string questionFile(int count) {
  std::string text = "[";
  for (int i = 0; i < count; ++i) {
    text += std::string(i ? ", " : "") + R"({"video_id": ")" + std::to_string(10000000 + i % 50) +
            R"(", "question_id": )" + std::to_string(i) +
            R"(, "type": "[\"Audio\", \"Counting\"]", "question_content": "How many musical instruments were heard throughout the video?", "templ_values": "[]", "question_deleted": 0, "anser": "two"})";
  }
  return text + "]";
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t found = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++found;
  return found;
}

class FailingDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    writeBytes(dir_.file("small.json"), questionFile(200));
    writeBytes(dir_.file("big.json"), questionFile(20000));
    ASSERT_EQ(run("import " + project() + " --music-avqa " + dir_.file("small.json") + " --split small").exit_code, 0);
  }

  // Runs avqa-lens under bash with `limits` applied first (e.g. "ulimit -f 64").
  Outcome run(const std::string& arguments, const std::string& limits = "", const std::string& input = "") {
    const std::string out = dir_.file("stdout.txt"), err = dir_.file("stderr.txt"), in = dir_.file("stdin.txt");
    writeBytes(in, input);
    const std::string prefix = limits.empty() ? "" : limits + "; ";
    const std::string command = "bash -c '" + prefix + "exec " + AVQA_LENS_EXE + " " + arguments + "' >" + out +
                                " 2>" + err + " <" + in;
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, readBytes(out), readBytes(err)};
  }
  void expectIntact() {
    const Outcome check = run("check " + project());
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
    EXPECT_NE(check.out.find("intact"), std::string::npos) << check.out;
  }
  std::string exported(const std::string& split) {
    const Outcome result = run("export " + project() + " --split " + split + " --out " + dir_.file(split + ".out.json"));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return readBytes(dir_.file(split + ".out.json"));
  }
  std::string project() const { return dir_.file("p.avqa"); }

  avqa::test::TempDir dir_;
};

TEST_F(FailingDisk, ImportThatFillsTheDiskStoresNothingAndSaysSo) {
  const Outcome import = run("import " + project() + " --music-avqa " + dir_.file("big.json") + " --split big", "ulimit -f 512");
  EXPECT_EQ(import.exit_code, 1) << import.out << import.err;
  EXPECT_NE(import.err.find("could not be written"), std::string::npos) << import.err;
  EXPECT_NE(import.err.find(project()), std::string::npos) << import.err;
  expectIntact();
  EXPECT_NE(run("stats " + project() + " --split big").exit_code, 0) << "no half-imported split";
  EXPECT_EQ(count(exported("small"), "\"question_id\""), 200u);
}

TEST_F(FailingDisk, EveryAcknowledgedEditSurvivesTheDiskFillingUp) {
  std::string edits;
  for (int row = 1; row <= 60; ++row) edits += R"({"op": "answer", "row": )" + std::to_string(row) + R"(, "answer": "seven"})" "\n";
  const Outcome annotate = run("annotate " + project() + " --who tester", "ulimit -f 1536", edits);
  const std::size_t acknowledged = count(annotate.out, "ok ");
  EXPECT_EQ(annotate.exit_code, 1) << "some edits must meet the full disk: " << annotate.out;
  EXPECT_NE(annotate.err.find("could not be written"), std::string::npos) << annotate.err;
  expectIntact();
  EXPECT_EQ(count(exported("small"), "\"seven\""), acknowledged) << annotate.out;
}

TEST_F(FailingDisk, StoringARunOnAFullDiskLeavesNoRun) {
  std::string predictions;
  for (int i = 0; i < 200; ++i) predictions += std::to_string(i) + "\tone\n";
  writeBytes(dir_.file("pred.tsv"), predictions);
  const Outcome stored = run("import-predictions " + project() + " " + dir_.file("pred.tsv") + " --split small --run r1",
                             "ulimit -f 1");
  EXPECT_EQ(stored.exit_code, 1) << stored.out << stored.err;
  EXPECT_NE(stored.err.find("could not be written"), std::string::npos) << stored.err;
  expectIntact();
  EXPECT_NE(run("table " + project() + " --run r1").exit_code, 0) << "no half-stored run";
}

TEST_F(FailingDisk, AnExportThatCannotBeWrittenLeavesTheOldFile) {
  writeBytes(dir_.file("out.json"), "the previous export");
  // 40 KiB: room for SQLite's 32 KiB shared-memory index, not for the 60 KB export.
  const Outcome result = run("export " + project() + " --split small --out " + dir_.file("out.json"), "ulimit -f 40");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find(dir_.file("out.json")), std::string::npos) << result.err;
  EXPECT_EQ(readBytes(dir_.file("out.json")), "the previous export");
  EXPECT_FALSE(std::filesystem::exists(dir_.file("out.json.tmp-avqa")));
}

TEST_F(FailingDisk, AFeatureCacheThatCannotBeWrittenOnlyWarns) {
  avqa::test::writeRedBlueVideo(dir_.file("clip.mp4"), 3, 320, 240);
  const Outcome asked = run(std::string("ask --model ") + AVQA_WEIGHTS_DIR + "/avst.avqamodel --video " + dir_.file("clip.mp4") +
                                " --cache " + dir_.file("cache") + " \"How many instruments are sounding?\"",
                            "ulimit -f 1");
  EXPECT_EQ(asked.exit_code, 0) << asked.err;
  EXPECT_NE(asked.err.find("features are not cached"), std::string::npos) << asked.err;
  std::size_t cached = 0;
  if (std::filesystem::exists(dir_.file("cache"))) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_.file("cache"))) cached += entry.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(cached, 0u) << "no half-written cache entry is left";
}

TEST_F(FailingDisk, AReadOnlyProjectIsReadAndItsEditsRefused) {
  // Root may write any file: the read-only user is then `nobody`, as on a shared folder.
  const std::string user = geteuid() == 0 ? "runuser -u nobody -- " : "";
  ::chmod(dir_.path().c_str(), 0755);
  ::chmod(project().c_str(), 0444);
  const std::string before = readBytes(project());
  const std::string as_user = user + AVQA_LENS_EXE + " ";
  const std::string err = dir_.file("ro-stderr.txt");
  auto run_as = [&](const std::string& arguments, const std::string& input) {
    writeBytes(dir_.file("ro-stdin.txt"), input);
    const int status = std::system((as_user + arguments + " >/dev/null 2>" + err + " <" + dir_.file("ro-stdin.txt")).c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  EXPECT_EQ(run_as("stats " + project() + " --split small", ""), 0) << readBytes(err);
  EXPECT_EQ(run_as("annotate " + project(), R"({"op": "answer", "row": 1, "answer": "seven"})" "\n"), 1);
  EXPECT_NE(readBytes(err).find(project() + ": is read-only (the file is not writable): the change was not stored"),
            std::string::npos)
      << readBytes(err);
  EXPECT_EQ(readBytes(project()), before);
  ::chmod(project().c_str(), 0644);
}

}  // namespace
