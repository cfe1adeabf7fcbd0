// The one work queue: independent tasks taken by a few threads in turn.
#pragma once
#include <cstddef>
#include <functional>

namespace tracker {

// Cores this process may run on (its CPU affinity), at least 1.
int AvailableCores();

// Runs task(0) … task(count - 1) on up to `threads` threads, the calling
// one included; each takes the next index when it finishes the last. The
// tasks must not depend on the order they run in.
void ParallelFor(size_t count, int threads, const std::function<void(size_t)>& task);

}  // namespace tracker
