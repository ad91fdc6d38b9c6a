// Scheduler: N tasks each doing M sleep(0) switches, recording on and off, next to CPython's asyncio
// on the same workload in the same run; task spawns per second; bytes per suspended task.
#include "Measure.h"
#include "Sections.h"
#include "Summary.h"
#include "Workloads.h"

#include "runtime/Asyncio.h"
#include "runtime/Program.h"

#include <cstdio>
#include <string>
#include <unistd.h>

#ifndef COROSCOPE_BENCH_DIR
#define COROSCOPE_BENCH_DIR "bench"
#endif

// Inside coroscope: unqualified sleep() must find asyncio's, not unistd's.
namespace coroscope::bench {

namespace {

constexpr int Switches = 100; // M

// Thread CPU ns per switch of one run (task creation and gather included, as in the Python twin).
double switchNs(int n, int m, bool traced)
{
    RunOptions options;
    // Each switch records Suspend, Schedule and Resume; creation and gather add a few per task.
    options.eventBudget = std::uint64_t(n) * std::uint64_t(m + 20) * 4;
    std::string error;
    const double ns = cpuNs([&] {
        const auto result = runProgram(
            [&] {
                Runtime::current().recorder().setEnabled(traced);
                run(spawnSwitchers(n, m));
            },
            options);
        error = result.error;
    });
    if (!error.empty())
        std::fprintf(stderr, "scheduler run failed: %s\n", error.c_str());
    return ns / (double(n) * m);
}

// The Python twin (bench/asyncio_switch.py), or 0 when python3 is missing or fails.
double cpythonSwitchNs(int n, int m, int reps)
{
    const std::string script = COROSCOPE_BENCH_DIR "/asyncio_switch.py";
    if (access(script.c_str(), R_OK) != 0)
        return 0;
    const std::string cmd = "python3 " + script + " " + std::to_string(n) + " " + std::to_string(m) + " "
        + std::to_string(reps) + " 2>/dev/null";
    FILE *p = popen(cmd.c_str(), "r");
    if (!p)
        return 0;
    double ns = 0;
    if (std::fscanf(p, "%lf", &ns) != 1)
        ns = 0;
    return pclose(p) == 0 ? ns : 0;
}

double spawnsPerSecond(int n, bool traced)
{
    RunOptions options;
    options.eventBudget = std::uint64_t(n) * 16 + 1000;
    const double ns = cpuNs([&] {
        runProgram(
            [&] {
                Runtime::current().recorder().setEnabled(traced);
                run(spawner(n));
            },
            options);
    });
    return n / (ns * 1e-9);
}

double bytesPerSuspendedTask(int n)
{
    double bytes = 0;
    RunOptions options;
    options.eventBudget = 1'000'000;
    runProgram([&] { run(measureSuspended(n, &bytes)); }, options);
    return bytes;
}

} // namespace

void runSchedulerBench(const std::string &part)
{
    std::printf("scheduler: %d sleep(0) switches per task\n", Switches);
    auto &s = summary();
    double traced = 0, untraced = 0, py = 0;
    if (part.empty() || part == "switch") {
        for (int n : {100, 10'000}) {
            const int reps = n == 100 ? 7 : 3;
            untraced = bestOf(reps, [&] { return switchNs(n, Switches, false); });
            traced = bestOf(reps, [&] { return switchNs(n, Switches, true); });
            const auto suffix = "_n" + std::to_string(n);
            s.add("switch_ns_untraced" + suffix, untraced);
            s.add("switch_ns_traced" + suffix, traced);
            py = cpythonSwitchNs(n, Switches, n == 100 ? 5 : 2);
            if (py > 0) {
                s.add("cpython_switch_ns" + suffix, py);
                s.add("speedup_vs_cpython" + suffix, py / traced);
            }
        }
        // The headline figures: the larger run (N = 10,000).
        s.add("switch_ns_traced", traced);
        s.add("switch_ns_untraced", untraced);
        if (py > 0) {
            s.add("cpython_switch_ns", py);
            s.add("speedup_vs_cpython", py / traced);
        } else {
            s.add("cpython_switch_ns", std::string("skipped (python3 or bench/asyncio_switch.py not found)"));
            s.add("speedup_vs_cpython", std::string("skipped"));
        }
    }
    if (!part.empty() && part != "spawn")
        return;
    s.add("spawns_per_second", bestOf(5, [] { return -spawnsPerSecond(200'000, false); }) * -1, 0);
    s.add("spawns_per_second_traced", bestOf(5, [] { return -spawnsPerSecond(200'000, true); }) * -1, 0);
    s.add("bytes_per_suspended_task", bytesPerSuspendedTask(10'000), 0);
}

} // namespace coroscope::bench
