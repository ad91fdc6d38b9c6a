// Scheduler cost, side by side with CPython's asyncio on the same workload, measured in the same
// run: N tasks each doing M sleep(0) switches, with recording on and off; task spawns per second;
// memory per suspended task. Prints Google Benchmark's table, then `key: value` summary lines.
#include "runtime/Asyncio.h"
#include "runtime/Program.h"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <malloc.h>
#include <string>

// Inside coroscope: unqualified sleep() must find asyncio's, not unistd's.
namespace coroscope::bench {

Task<> switcher(int m)
{
    for (int i = 0; i < m; ++i)
        co_await sleep(0);
}

Task<> spawnSwitchers(int n, int m)
{
    std::vector<Task<>> tasks;
    tasks.reserve(std::size_t(n));
    for (int i = 0; i < n; ++i)
        tasks.push_back(switcher(m));
    co_await gather(std::move(tasks));
}

// ns per switch for n tasks x m switches.
double switchNs(int n, int m, bool traced)
{
    RunOptions options;
    options.eventBudget = traced ? std::uint64_t(n) * std::uint64_t(m) * 8 + 1'000'000 : 1'000'000;
    const auto t0 = std::chrono::steady_clock::now();
    const auto result = runProgram(
        [&] {
            Runtime::current().recorder().setEnabled(traced);
            run(spawnSwitchers(n, m));
        },
        options);
    const auto t1 = std::chrono::steady_clock::now();
    if (!result.ok())
        std::fprintf(stderr, "run failed: %s\n", result.error.c_str());
    return std::chrono::duration<double, std::nano>(t1 - t0).count() / (double(n) * m);
}

void BM_Switch(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(switchNs(int(state.range(0)), 100, state.range(1) != 0));
    state.SetItemsProcessed(state.iterations() * state.range(0) * 100);
}
BENCHMARK(BM_Switch)->Args({100, 0})->Args({100, 1})->Args({10000, 0})->Args({10000, 1})->Unit(benchmark::kMillisecond);

Task<> nothing()
{
    co_return;
}

Task<> spawner(int n)
{
    for (int i = 0; i < n; ++i)
        co_await create_task(nothing());
}

double spawnsPerSecond(int n)
{
    RunOptions options;
    options.eventBudget = 1'000'000;
    const auto t0 = std::chrono::steady_clock::now();
    runProgram(
        [&] {
            Runtime::current().recorder().setEnabled(false);
            run(spawner(n));
        },
        options);
    return n / std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

Task<> sleeper()
{
    co_await sleep(1);
}

Task<> measureSuspended(int n, double *bytesPerTask)
{
    const auto before = mallinfo2().uordblks;
    std::vector<Future<void>> tasks;
    tasks.reserve(std::size_t(n));
    for (int i = 0; i < n; ++i)
        tasks.push_back(create_task(sleeper()));
    co_await sleep(0.5); // every task has started and is suspended in sleep(1)
    *bytesPerTask = double(mallinfo2().uordblks - before) / n;
    co_await gather(std::move(tasks));
}

double bytesPerSuspendedTask(int n)
{
    double bytes = 0;
    RunOptions options;
    options.eventBudget = 1'000'000;
    runProgram(
        [&] {
            Runtime::current().recorder().setEnabled(false);
            run(measureSuspended(n, &bytes));
        },
        options);
    return bytes;
}

// The same workload in CPython's asyncio, timed inside Python (interpreter start-up excluded).
double cpythonSwitchNs(int n, int m)
{
    const char *script = "import asyncio, time, sys\n"
                         "n, m = int(sys.argv[1]), int(sys.argv[2])\n"
                         "async def switcher():\n"
                         "    for _ in range(m):\n"
                         "        await asyncio.sleep(0)\n"
                         "async def main():\n"
                         "    await asyncio.gather(*(switcher() for _ in range(n)))\n"
                         "t0 = time.perf_counter()\n"
                         "asyncio.run(main())\n"
                         "print((time.perf_counter() - t0) * 1e9 / (n * m))\n";
    const std::string path = "/tmp/coroscope_bench_switch.py";
    std::ofstream(path) << script;
    const std::string cmd = "python3 " + path + " " + std::to_string(n) + " " + std::to_string(m) + " 2>/dev/null";
    FILE *p = popen(cmd.c_str(), "r");
    if (!p)
        return 0;
    double ns = 0;
    if (std::fscanf(p, "%lf", &ns) != 1)
        ns = 0;
    pclose(p);
    return ns;
}

} // namespace coroscope::bench

using namespace coroscope::bench;

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();

    const double traced = std::min(switchNs(10000, 100, true), switchNs(10000, 100, true));
    const double untraced = std::min(switchNs(10000, 100, false), switchNs(10000, 100, false));
    const double cpython = cpythonSwitchNs(10000, 100);
    std::printf("\nswitch_ns_traced: %.1f\n", traced);
    std::printf("switch_ns_untraced: %.1f\n", untraced);
    if (cpython > 0) {
        std::printf("cpython_switch_ns: %.1f\n", cpython);
        std::printf("speedup_vs_cpython: %.1f\n", cpython / traced);
    } else {
        std::printf("cpython_switch_ns: unavailable (python3 not found)\n");
    }
    std::printf("spawns_per_second: %.0f\n", spawnsPerSecond(200000));
    std::printf("bytes_per_suspended_task: %.0f\n", bytesPerSuspendedTask(10000));
    return 0;
}
