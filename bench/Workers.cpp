// The big trace shared by the load, timeline and memory sections.
#include "Sections.h"

#include "runtime/Asyncio.h"
#include "runtime/Program.h"
#include "trace/TraceFile.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace coroscope::bench {

namespace {

int g_rounds = 0;

Task<> worker(int id)
{
    for (int r = 0; r < g_rounds; ++r) {
        co_await sleep(0.001 * (1 + (id * 7 + r * 13) % 10));
        if (r % 16 == 0)
            print(f("w{} r{}", id, r));
    }
}

Task<> workers(int tasks)
{
    std::vector<Task<>> all;
    all.reserve(std::size_t(tasks));
    for (int i = 0; i < tasks; ++i)
        all.push_back(worker(i));
    co_await gather(std::move(all));
}

} // namespace

Trace recordWorkers(std::size_t events, int tasks)
{
    // Per round a task records 6 events (arm, suspend, fire, callback, schedule, resume) and a
    // printed line every 16 rounds: 6.06 a round, rounded up so that the run records `events` or a
    // few more, and ends normally.
    g_rounds = std::max(1, int(std::ceil(double(events) / (6.1 * tasks))));
    RunOptions options;
    options.eventBudget = events * 2 + 100000;
    auto result = runProgram([tasks] { run(workers(tasks)); }, options, {{"sample", "bench-workers"}});
    if (!result.ok())
        std::fprintf(stderr, "workers run stopped: %s\n", result.error.c_str());
    result.trace.events.shrink_to_fit();
    return std::move(result.trace);
}

const std::string &nativeTrace1m()
{
    static const std::string path = [] {
        std::string p = "/tmp/coroscope-bench-1m-" + std::to_string(getpid()) + ".coroscope";
        std::string error;
        if (!writeTraceFile(recordWorkers(1'000'000), p, &error))
            std::fprintf(stderr, "cannot write %s: %s\n", p.c_str(), error.c_str());
        return p;
    }();
    return path;
}

} // namespace coroscope::bench
