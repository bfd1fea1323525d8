#pragma once

#include <string>

namespace avqa {

enum class DeviceRequest { Auto, Cpu, Cuda };

DeviceRequest parseDeviceRequest(const std::string& text);  // "auto", "cpu", "cuda"

// "cuda" when the linked LibTorch has CUDA and a GPU is present (Auto or Cuda), else "cpu".
// Asking for Cuda where there is none is an AvqaError that says why.
std::string resolveDevice(DeviceRequest request);

// Sets the calling thread's torch intra-op threads (OpenMP counts are per thread) and the
// process-wide OpenBLAS pool to the same count.
void setTorchThreadsForThisThread(int threads);
int torchThreadsOfThisThread();

}  // namespace avqa
