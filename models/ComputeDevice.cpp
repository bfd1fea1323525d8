#include "ComputeDevice.h"

#include <ATen/Parallel.h>
#include <dlfcn.h>
#include <torch/cuda.h>

#include <algorithm>

#include "common/AvqaError.h"

namespace avqa {
namespace {

// Debian's LibTorch does its matrix products in OpenBLAS, whose thread pool ignores
// at::set_num_threads: with "--threads 1" a worker still kept a second BLAS thread spinning
// (171 % CPU, 5.8 s of system time over a 60-video run). The pool is process-wide, so the
// count last asked for wins. Looked up at run time: a LibTorch on MKL has no such symbol.
void setBlasThreads(int threads) {
  using SetThreads = void (*)(int);
  if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) set(threads);
}

}  // namespace

DeviceRequest parseDeviceRequest(const std::string& text) {
  if (text == "auto" || text.empty()) return DeviceRequest::Auto;
  if (text == "cpu") return DeviceRequest::Cpu;
  if (text == "cuda") return DeviceRequest::Cuda;
  throw UsageError("--device must be auto, cpu or cuda");
}

std::string resolveDevice(DeviceRequest request) {
  const bool cuda = torch::cuda::is_available();
  if (request == DeviceRequest::Cuda && !cuda) {
    throw AvqaError("", "CUDA was asked for, but this LibTorch build or this machine has no usable CUDA GPU");
  }
  return request != DeviceRequest::Cpu && cuda ? "cuda" : "cpu";
}

void setTorchThreadsForThisThread(int threads) {
  threads = std::max(1, threads);
  at::set_num_threads(threads);
  setBlasThreads(threads);
}

int torchThreadsOfThisThread() { return at::get_num_threads(); }

}  // namespace avqa
