#include "Workloads.h"

#include "runtime/Asyncio.h"

#include <malloc.h>
#include <vector>

// Inside coroscope: unqualified sleep() must find asyncio's, not unistd's.
namespace coroscope::bench {

namespace {

Task<> switcher(int m)
{
    for (int i = 0; i < m; ++i)
        co_await sleep(0);
}

Task<> nothing()
{
    co_return;
}

Task<> sleeper()
{
    co_await sleep(1);
}

// The heap in use: malloc's arenas plus the chunks it mmapped on its own. (Counting only the
// arenas, as this did until round 7, missed every vector grown past the mmap threshold, which glibc
// raises as large blocks are freed: 395 B or 591 B per task for the same code, by what ran before.)
std::size_t heapInUse()
{
    const auto info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

} // namespace

Task<> spawnSwitchers(int n, int m)
{
    std::vector<Task<>> tasks;
    tasks.reserve(std::size_t(n));
    for (int i = 0; i < n; ++i)
        tasks.push_back(switcher(m));
    co_await gather(std::move(tasks));
}

Task<> spawner(int n)
{
    for (int i = 0; i < n; ++i)
        co_await create_task(nothing());
}

// Recording on: the task, its frame, the timer of its sleep, its lane and name (the event array
// is reserved before).
Task<> measureSuspended(int n, double *bytesPerTask)
{
    std::vector<Future<void>> tasks; // the benchmark's own handles: not counted
    tasks.reserve(std::size_t(n));
    const auto before = heapInUse();
    for (int i = 0; i < n; ++i)
        tasks.push_back(create_task(sleeper()));
    co_await sleep(0.5); // every task has started and is suspended in sleep(1)
    *bytesPerTask = double(heapInUse() - before) / n;
    co_await gather(std::move(tasks));
}

} // namespace coroscope::bench
