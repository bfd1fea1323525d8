#pragma once

// Internal to avqa_models (includes torch): the models layer's boundary for torch calls.

#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>

#include <string>

#include "common/AvqaError.h"

namespace avqa::detail {

// Runs `body` in inference mode; a c10::Error becomes an AvqaError naming the file and
// `who` ("the model", "the encoder").
template <typename Body>
auto guardedTorchCall(const std::string& path, const char* who, Body body) {
  try {
    c10::InferenceMode inference;
    return body();
  } catch (const c10::Error& error) {
    throw AvqaError(path, std::string(who) + " failed: " + error.what_without_backtrace());
  }
}

}  // namespace avqa::detail
