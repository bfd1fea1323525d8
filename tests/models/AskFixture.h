#pragma once
// The fixture of the `avqa-lens` end-to-end suites: models written by Python's torch.jit
// (Debian's python3-torch, make_models.py), red/blue videos written through FFmpeg, and the
// real binary run as a child process.
#include <gtest/gtest.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

#include "support/TempDir.h"

namespace avqa::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class AskCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  static void writeVideo(const std::string& path, int seconds);
  // Runs `avqa-lens ARGUMENTS` (ask and extract with the suite's feature cache).
  CommandResult run(std::string arguments);
  static std::string model(const std::string& name) { return dir_->file("m/" + name); }
  static std::string file(const std::string& name) { return dir_->file(name); }

  static TempDir* dir_;
};

std::size_t argmax(const nlohmann::json& values);

}  // namespace avqa::test

using Ask = avqa::test::AskCommand;
