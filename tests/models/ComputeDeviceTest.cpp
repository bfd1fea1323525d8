// The thread count a command asks for holds for every pool that does the arithmetic: torch's
// own and OpenBLAS's (Debian's LibTorch multiplies matrices there, and its pool ignores
// at::set_num_threads).
#include <gtest/gtest.h>

#include <ATen/Parallel.h>
#include <dlfcn.h>

#include "ComputeDevice.h"
#include "common/AvqaError.h"

namespace {

int blasThreads() {
  using GetThreads = int (*)();
  const auto get = reinterpret_cast<GetThreads>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
  return get ? get() : -1;
}

TEST(ComputeDevice, ThreadCountHoldsForTorchAndOpenBlas) {
  if (blasThreads() < 0) GTEST_SKIP() << "this LibTorch does not do its BLAS in OpenBLAS";
  avqa::setTorchThreadsForThisThread(1);
  EXPECT_EQ(at::get_num_threads(), 1);
  EXPECT_EQ(blasThreads(), 1);
  avqa::setTorchThreadsForThisThread(2);
  EXPECT_EQ(at::get_num_threads(), 2);
  EXPECT_EQ(blasThreads(), 2);
  avqa::setTorchThreadsForThisThread(0);  // nonsense counts mean one
  EXPECT_EQ(avqa::torchThreadsOfThisThread(), 1);
  EXPECT_EQ(blasThreads(), 1);
}

TEST(ComputeDevice, DeviceRequestsAreParsedAndCudaIsRefusedWithoutAGpu) {
  EXPECT_EQ(avqa::parseDeviceRequest("cpu"), avqa::DeviceRequest::Cpu);
  EXPECT_EQ(avqa::parseDeviceRequest(""), avqa::DeviceRequest::Auto);
  EXPECT_THROW(avqa::parseDeviceRequest("gpu"), avqa::UsageError);
  EXPECT_EQ(avqa::resolveDevice(avqa::DeviceRequest::Cpu), "cpu");
  if (avqa::resolveDevice(avqa::DeviceRequest::Auto) == "cpu") {
    EXPECT_THROW(avqa::resolveDevice(avqa::DeviceRequest::Cuda), avqa::AvqaError);
  }
}

}  // namespace
