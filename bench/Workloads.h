#pragma once
// The scheduler's workloads, shared by coroscope-bench (which times them) and coroscope-profile
// (which runs them alone under valgrind): the counts of docs/performance.md and the bench's
// figures then measure the same code.
#include "runtime/Task.h"

#include <cstddef>

namespace coroscope::bench {

// `n` tasks, each doing `m` sleep(0) switches, gathered.
Task<> spawnSwitchers(int n, int m);
// Creates, runs and finishes `n` tasks, one at a time.
Task<> spawner(int n);
// The heap in use per task while `n` tasks are suspended in sleep(1), written to *bytesPerTask.
Task<> measureSuspended(int n, double *bytesPerTask);

} // namespace coroscope::bench
