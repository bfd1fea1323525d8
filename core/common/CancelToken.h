#pragma once

#include <atomic>
#include <memory>
#include <stdexcept>

namespace avqa {

// Thrown by a long loop that saw its token cancelled.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

// One token per job, passed by value into every loop of that job (decode, extract, infer);
// copies share the flag, so the GUI's Cancel button reaches all of them.
class CancelToken {
 public:
  CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  void cancel() const { flag_->store(true); }
  bool cancelled() const { return flag_->load(); }
  void throwIfCancelled() const {
    if (cancelled()) throw Cancelled();
  }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

}  // namespace avqa
