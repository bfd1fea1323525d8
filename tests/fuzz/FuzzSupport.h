#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace avqa::fuzz {

// The readers under test take paths, as users give them: each input is written to a
// scratch file of this process (under $TMPDIR) with the given name, and its path returned.
std::string scratchFile(const std::string& name, const std::uint8_t* data, std::size_t size);

// A folder of this process's own for files a target keeps between inputs.
std::string scratchFolder();

}  // namespace avqa::fuzz

// What every target defines (libFuzzer's entry point; ReplayMain.cpp calls it too).
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
