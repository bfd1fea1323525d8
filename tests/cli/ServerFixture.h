#pragma once
// The server test suites' fixture: the test PostgreSQL server (started by the pg_cluster CTest
// fixture, tests/support/pg-cluster.sh), avqa-lens run as a user runs it, psql for checks.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/TempDir.h"

namespace avqa::test {

struct Outcome {
  int exit_code = -1;
  std::string out, err;
};

class ServerProject : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string url_file = std::string(AVQA_TEST_PG_DIR) + "/url";
    ASSERT_TRUE(std::filesystem::exists(url_file)) << "no test server: run through ctest (fixture pg_cluster starts it)";
    url_ = avqa::test::readBytes(url_file);
    while (!url_.empty() && url_.back() == '\n') url_.pop_back();
  }

  // `environment`: "NAME=value ..." set for the command only.
  Outcome run(const std::string& arguments, const std::string& input = "/dev/null", const std::string& environment = "") {
    const std::string out = dir_.file("out.txt"), err = dir_.file("err.txt");
    const int status = std::system(
        (environment + " " + std::string(AVQA_LENS_EXE) + " " + arguments + " >" + out + " 2>" + err + " <" + input).c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, avqa::test::readBytes(out), avqa::test::readBytes(err)};
  }
  int psql(const std::string& sql) { return std::system(("psql -q -X \"" + url_ + "\" -c \"" + sql + "\" >/dev/null").c_str()); }
  std::string project(const std::string& name) const { return "'" + url_ + "?project=" + name + "'"; }
  // A query's rows, one a line, columns separated by |.
  std::string query(const std::string& sql) {
    const std::string out = dir_.file("query.txt");
    EXPECT_EQ(std::system(("psql -q -X -At \"" + url_ + "\" -c \"" + sql + "\" >" + out).c_str()), 0) << sql;
    return avqa::test::readBytes(out);
  }

  // A project with two splits, an edit (history), a run of predictions and a video folder.
  std::string makeProject(const std::string& name, int records) {
    const std::string path = dir_.file(name + ".avqa");
    EXPECT_EQ(run("example-questions --out " + dir_.file(name + "-test.json") + " --records " + std::to_string(records) + " --seed 3 --predictions " +
                  dir_.file(name + "-pred.tsv"))
                  .exit_code,
              0);
    EXPECT_EQ(run("example-questions --out " + dir_.file(name + "-val.json") + " --records 40 --seed 4").exit_code, 0);
    EXPECT_EQ(run("import " + path + " --music-avqa " + dir_.file(name + "-test.json") + " --split test").exit_code, 0);
    EXPECT_EQ(run("import " + path + " --music-avqa " + dir_.file(name + "-val.json") + " --split val").exit_code, 0);
    EXPECT_EQ(run("import-predictions " + path + " " + dir_.file(name + "-pred.tsv") + " --run r1 --split test").exit_code, 0);
    // Row records + 5: a question of the val split, imported second.
    std::ofstream(dir_.file(name + "-edits.jsonl"))
        << R"({"op": "answer", "row": )" << records + 5 << R"(, "answer": "seven"})" << "\n";
    const Outcome edited = run("annotate " + path + " --who tester", dir_.file(name + "-edits.jsonl"));
    EXPECT_EQ(edited.exit_code, 0) << edited.err;
    std::filesystem::create_directories(dir_.file(name + "-videos"));
    EXPECT_EQ(run("folders " + path + " --add-videos " + dir_.file(name + "-videos")).exit_code, 0);
    return path;
  }

  avqa::test::TempDir dir_;
  std::string url_;
};

}  // namespace avqa::test
