#include <algorithm>
#include <thread>

#include "ComputeDevice.h"
#include "cli/CliSupport.h"

namespace avqa::cli {

void useAllCoresForTorch() { useTorchThreads(0); }

void useTorchThreads(int requested) {
  setTorchThreadsForThisThread(requested > 0 ? requested : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
}

}  // namespace avqa::cli
