// Recording cost: ns per recorded event and bytes per event held in memory.
// Prints Google Benchmark's table, then `key: value` summary lines (figures, never pass/fail).
#include "trace/Recorder.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace coroscope;

namespace {

// The hot path as the runtime uses it: interned detail and location ids, a 24-byte push_back.
void BM_Record(benchmark::State &state)
{
    for (auto _ : state) {
        state.PauseTiming();
        Recorder rec(~0ull);
        const auto detail = rec.intern("sleep(0)");
        const auto lane = rec.addLane("Task-1 main()", LaneKind::Task, NoLane);
        state.ResumeTiming();
        for (std::int64_t i = 0; i < state.range(0); ++i)
            rec.record(EventKind(i & 3), lane, std::uint32_t(i), detail, 1);
        benchmark::DoNotOptimize(rec.trace().events.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Record)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

// With a fresh string per event (printed lines): the interning cost.
void BM_RecordWithText(benchmark::State &state)
{
    std::vector<std::string> texts;
    for (int i = 0; i < 1000; ++i)
        texts.push_back("line " + std::to_string(i));
    for (auto _ : state) {
        Recorder rec(~0ull);
        for (std::int64_t i = 0; i < state.range(0); ++i)
            rec.record(EventKind::Output, 0, NoEvent, texts[std::size_t(i) % texts.size()]);
        benchmark::DoNotOptimize(rec.trace().events.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_RecordWithText)->Arg(1 << 18)->Unit(benchmark::kMillisecond);

// Each round records into a fresh Recorder. The first touches fresh pages (on this VM a page
// fault costs ~3 us, i.e. ~12 ns per 24-byte event); later rounds get memory the allocator kept,
// as an app re-running samples does.
std::vector<double> nsPerEventRounds(std::size_t events, int rounds)
{
    std::vector<double> samples;
    for (int r = 0; r < rounds; ++r) {
        Recorder rec(events); // the budget sizes the reservation
        const auto detail = rec.intern("sleep(0)");
        const auto t0 = std::chrono::steady_clock::now();
        for (std::size_t i = 0; i < events; ++i)
            rec.record(EventKind(i & 3), 1, std::uint32_t(i), detail, 1);
        const auto t1 = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(rec.trace().events.data());
        samples.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count() / double(events));
    }
    return samples;
}

} // namespace

int main(int argc, char **argv)
{
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();

    constexpr std::size_t events = 1 << 20;
    auto rounds = nsPerEventRounds(events, 9);
    const double cold = rounds.front();
    std::sort(rounds.begin() + 1, rounds.end());
    const double ns = rounds[1 + (rounds.size() - 1) / 2];
    Recorder rec(~0ull);
    for (std::size_t i = 0; i < events; ++i)
        rec.record(EventKind::Resume, 1, std::uint32_t(i), 1, 1);
    const auto &t = rec.trace();
    // Bytes held per event: the event itself plus the trace's strings, locations and lanes.
    const double bytes = double(t.events.size() * sizeof(Event) + t.strings.size() * sizeof(std::string)
                                + t.locations.size() * sizeof(SourceLocation))
        / double(t.events.size());
    std::printf("\nrecord_ns_per_event: %.2f\n", ns);
    std::printf("record_ns_per_event_cold: %.2f (first run: fresh pages, page faults included)\n", cold);
    std::printf("event_struct_bytes: %zu\n", sizeof(Event));
    std::printf("bytes_per_event: %.1f\n", bytes);
    return 0;
}
