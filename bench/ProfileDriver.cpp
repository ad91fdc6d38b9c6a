// coroscope-profile: one workload of coroscope-bench, alone and without timing, for valgrind.
// Instruction and cache-miss counts are steady on a loaded machine where times are not; the
// rounds of docs/performance.md quote them:
//   valgrind --tool=callgrind ./build/bin/coroscope-profile switch 10000
//   valgrind --tool=cachegrind --cache-sim=yes --LL=2097152,16,64 ./build/bin/coroscope-profile switch 10000
//   ./build/bin/coroscope-profile bytes 10000      (the heap per suspended task, as the bench prints it)
#include "runtime/Asyncio.h"
#include "runtime/Program.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <malloc.h>
#include <vector>

using namespace coroscope;

namespace {

Task<> nothing()
{
    co_return;
}

// --only spawn: create, run and finish `n` tasks, one after another.
Task<> spawner(int n)
{
    for (int i = 0; i < n; ++i)
        co_await create_task(nothing());
}

// --only switch: `n` tasks, each yielding `m` times.
Task<> switcher(int m)
{
    for (int i = 0; i < m; ++i)
        co_await sleep(0);
}
Task<> switchers(int n, int m)
{
    std::vector<Task<>> tasks;
    tasks.reserve(std::size_t(n));
    for (int i = 0; i < n; ++i)
        tasks.push_back(switcher(m));
    co_await gather(std::move(tasks));
}

// bytes_per_suspended_task, as bench/SchedulerBench.cpp measures it.
std::size_t heapInUse()
{
    const auto info = mallinfo2();
    return info.uordblks + info.hblkhd;
}
Task<> sleeper()
{
    co_await sleep(1);
}
Task<> suspended(int n, double *bytesPerTask)
{
    std::vector<Future<void>> tasks;
    tasks.reserve(std::size_t(n));
    const auto before = heapInUse();
    for (int i = 0; i < n; ++i)
        tasks.push_back(create_task(sleeper()));
    co_await sleep(0.5);
    *bytesPerTask = double(heapInUse() - before) / n;
    co_await gather(std::move(tasks));
}

int usage(const char *self)
{
    std::fprintf(stderr, "usage: %s spawn|switch|bytes N [--untraced]\n", self);
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3)
        return usage(argv[0]);
    const std::string_view mode = argv[1];
    const int n = std::atoi(argv[2]);
    const bool traced = !(argc > 3 && !std::strcmp(argv[3], "--untraced"));
    if (n <= 0 || (mode != "spawn" && mode != "switch" && mode != "bytes"))
        return usage(argv[0]);
    RunOptions options;
    options.eventBudget = std::uint64_t(n) * 400 + 1000; // switch: 100 yields of 3 events each
    double bytes = 0;
    runProgram(
        [&] {
            Runtime::current().recorder().setEnabled(traced);
            if (mode == "spawn")
                run(spawner(n));
            else if (mode == "switch")
                run(switchers(n, 100));
            else
                run(suspended(n, &bytes));
        },
        options);
    if (mode == "bytes")
        std::printf("bytes_per_suspended_task: %.1f\n", bytes);
    return 0;
}
