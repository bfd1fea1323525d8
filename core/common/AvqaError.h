#pragma once

#include <stdexcept>
#include <string>

namespace avqa {

// The one error type that crosses layer boundaries. Its message always names the file (or
// project) and the problem, so the CLI can print it as one line and the GUI as one dialog.
class AvqaError : public std::runtime_error {
 public:
  AvqaError(const std::string& file, const std::string& problem)
      : std::runtime_error(file.empty() ? problem : file + ": " + problem),
        file_(file),
        problem_(problem) {}

  const std::string& file() const { return file_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string file_;
  std::string problem_;
};

// A mistake in how a command was called (exit code 2), not in the work itself.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace avqa
