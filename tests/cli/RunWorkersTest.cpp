// A model run spread over three workers on one server project, one of them killed with
// SIGKILL while it holds a video: its claim expires and another worker takes the video; the
// run ends with every question predicted exactly once, and each worker in its provenance.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <thread>

#include "cli/ServerFixture.h"

namespace {

using avqa::test::Outcome;
using avqa::test::ServerProject;

TEST_F(ServerProject, ThreeRunWorkersOneKilledPredictEveryQuestionExactlyOnce) {
  ASSERT_EQ(run("synth --out " + dir_.file("bench") + " --videos 16 --seconds 4 --seed 31").exit_code, 0);
  const std::string file = dir_.file("workers.avqa");
  ASSERT_EQ(run("import " + file + " --music-avqa " + dir_.file("bench/avqa-train.json")).exit_code, 0);
  ASSERT_EQ(run("push " + file + " " + project("workers")).exit_code, 0);
  const std::string worker = std::string(AVQA_LENS_EXE) + " run " + project("workers") + " --model " + AVQA_WEIGHTS_DIR +
                             "/avst.avqamodel --split train --run spread --worker --lease-s 2 --videos " + dir_.file("bench/videos");

  // The first worker starts alone and is killed as soon as it holds a video it has not stored.
  const pid_t doomed = fork();
  ASSERT_GE(doomed, 0);
  if (doomed == 0) {
    ::execl("/bin/sh", "sh", "-c", ("exec " + worker + " >/dev/null 2>&1").c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // exec: the pid is the worker's.
  const std::string held = "SELECT count(*) FROM avqa_project_workers.run_claims WHERE worker LIKE '%:" + std::to_string(doomed) +
                           "' AND done = 0";
  // Frozen first (SIGSTOP), so that the video it holds cannot be stored between looking and
  // killing; a frozen commit is rolled back by the server when the connection dies.
  const std::string held_video = "SELECT video_key FROM avqa_project_workers.run_claims WHERE worker LIKE '%:" +
                                 std::to_string(doomed) + "' AND done = 0";
  std::string taken_video;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (taken_video.empty() && std::chrono::steady_clock::now() < deadline) {
    if (query(held) == "1\n") {
      ::kill(doomed, SIGSTOP);
      taken_video = query(held_video);
      if (taken_video.empty()) ::kill(doomed, SIGCONT);  // it stored that one just now: look again
    }
    if (taken_video.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(taken_video.empty()) << "the first worker never held a video";
  ::kill(doomed, SIGKILL);
  int status = 0;
  ::waitpid(doomed, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));

  // Two more workers finish the run, the killed worker's video too once its lease ran out.
  const std::string both = "(" + worker + " >" + dir_.file("w2.txt") + " 2>&1; echo $? >" + dir_.file("w2.rc") + ") & (" + worker +
                           " >" + dir_.file("w3.txt") + " 2>&1; echo $? >" + dir_.file("w3.rc") + ") & wait";
  std::system(("bash -c '" + both + "'").c_str());
  EXPECT_EQ(avqa::test::readBytes(dir_.file("w2.rc")), "0\n") << avqa::test::readBytes(dir_.file("w2.txt"));
  EXPECT_EQ(avqa::test::readBytes(dir_.file("w3.rc")), "0\n") << avqa::test::readBytes(dir_.file("w3.txt"));

  const std::string questions = query("SELECT count(*) FROM avqa_project_workers.questions");
  EXPECT_EQ(query("SELECT count(*) FROM avqa_project_workers.predictions"), questions);
  EXPECT_EQ(query("SELECT count(DISTINCT question_row) FROM avqa_project_workers.predictions"), questions);
  EXPECT_EQ(query("SELECT count(*) FROM avqa_project_workers.prediction_maps"), questions) << "each with its maps";
  EXPECT_EQ(query("SELECT count(*) FROM avqa_project_workers.run_claims WHERE done = 0"), "0\n");
  // The video it held was taken over and stored by another worker; what it stored before stays.
  EXPECT_EQ(query("SELECT worker LIKE '%:" + std::to_string(doomed) + "' FROM avqa_project_workers.run_claims WHERE video_key = '" +
                  taken_video.substr(0, taken_video.size() - 1) + "'"),
            "f\n");
  // The provenance: both finishing workers, each with the videos it stored.
  const std::string report = avqa::test::readBytes(dir_.file("w2.txt"));
  EXPECT_NE(report.find("worker "), std::string::npos) << report;
  EXPECT_GE(std::stoi(query("SELECT count(DISTINCT worker) FROM avqa_project_workers.run_claims WHERE done = 1")), 2);
  const Outcome table = run("table " + project("workers") + " --run spread --json");
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("\"missing\": 0"), std::string::npos) << table.out;
}

}  // namespace
