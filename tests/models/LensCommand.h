#pragma once
// Runs the avqa-lens executable the tests were built with, its output kept in files of a
// temporary folder.
#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "support/TempDir.h"

namespace avqa::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline CommandResult runLens(const avqa::test::TempDir& dir, const std::string& arguments) {
  const std::string out = dir.file("stdout.txt"), err = dir.file("stderr.txt");
  const int status = std::system((std::string(AVQA_LENS_EXE) + " " + arguments + " >" + out + " 2>" + err + " </dev/null").c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, readBytes(out), readBytes(err)};
}

}  // namespace avqa::test
