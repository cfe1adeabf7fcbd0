#include "parallel.h"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace tracker {

int AvailableCores() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return 1;
}

void ParallelFor(size_t count, int threads, const std::function<void(size_t)>& task) {
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i; (i = next++) < count;) task(i);
  };
  {
    std::vector<std::jthread> pool;  // joined as it goes out of scope
    for (int t = 1; t < threads && static_cast<size_t>(t) < count; ++t) pool.emplace_back(worker);
    worker();
  }
}

}  // namespace tracker
