// coroscope-profile: one workload of coroscope-bench, alone and without timing, for valgrind.
// Instruction and cache-miss counts are steady on a loaded machine where times are not; the
// rounds of docs/performance.md quote them:
//   valgrind --tool=callgrind ./build/bin/coroscope-profile switch 10000
//   valgrind --tool=cachegrind --cache-sim=yes --LL=2097152,16,64 ./build/bin/coroscope-profile switch 10000
//   ./build/bin/coroscope-profile bytes 10000      (the heap per suspended task, as the bench prints it)
#include "Workloads.h"

#include "runtime/Program.h"
#include "runtime/Asyncio.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

using namespace coroscope;
using namespace coroscope::bench;

namespace {

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
                run(spawnSwitchers(n, 100));
            else
                run(measureSuspended(n, &bytes));
        },
        options);
    if (mode == "bytes")
        std::printf("bytes_per_suspended_task: %.1f\n", bytes);
    return 0;
}
