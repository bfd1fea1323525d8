#include "AskFixture.h"

#include <sys/wait.h>

#include <cstdlib>

#include "support/TestVideos.h"

namespace avqa::test {

TempDir* AskCommand::dir_ = nullptr;

void AskCommand::SetUpTestSuite() {
  dir_ = new TempDir();
  const std::string command = "/usr/bin/python3 " + std::string(AVQA_TESTS_DIR) + "/models/make_models.py " + dir_->file("m");
  ASSERT_EQ(std::system(command.c_str()), 0);
  writeVideo(dir_->file("clip.mp4"), 6);
  writeVideo(dir_->file("short.mp4"), 3);
}

void AskCommand::TearDownTestSuite() {
  delete dir_;
  dir_ = nullptr;
}

void AskCommand::writeVideo(const std::string& path, int seconds) { writeRedBlueVideo(path, seconds, 64, 48); }

CommandResult AskCommand::run(std::string arguments) {
  if (arguments.rfind("ask ", 0) == 0 || arguments.rfind("extract ", 0) == 0) {
    arguments.insert(arguments.find(' '), " --cache " + dir_->file("cache"));
  }
  const std::string out = dir_->file("stdout.txt");
  const std::string err = dir_->file("stderr.txt");
  const int status = std::system((std::string(AVQA_LENS_EXE) + " " + arguments + " >" + out + " 2>" + err + " </dev/null").c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, readBytes(out), readBytes(err)};
}

std::size_t argmax(const nlohmann::json& values) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < values.size(); ++i) {
    if (values[i].get<double>() > values[best].get<double>()) best = i;
  }
  return best;
}

}  // namespace avqa::test
