#pragma once

#include <QString>
#include <chrono>

namespace avqa {

// A model file from elsewhere is untrusted input: a damaged or hostile TorchScript file can
// crash inside LibTorch's loader, or hang in its forward, and take the window with it. A
// model file the window has not opened before is first opened by a short-lived child process
// (`avqa-lens ask --explain`: load, then one forward on zero inputs) under a CPU-time limit;
// only when the child succeeds is the file loaded in the window's process, and its SHA-256
// remembered so that it is not tested again. Built-in model files (.avqamodel) are read by
// our own bounded reader and are not tested this way.
class ModelProbe {
 public:
  // `executable`: the avqa-lens binary; `vetted_list_path`: a text file of vetted SHA-256s.
  ModelProbe(QString executable, QString vetted_list_path, std::chrono::seconds cpu_limit = std::chrono::seconds(60));

  // Empty when the model may be loaded in this process; otherwise why it may not, naming it.
  QString refusal(const QString& model_path) const;

 private:
  bool isVetted(const QString& sha256) const;
  void remember(const QString& sha256) const;

  QString executable_;
  QString vetted_list_path_;
  std::chrono::seconds cpu_limit_;
};

}  // namespace avqa
