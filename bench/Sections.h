#pragma once

#include "trace/Trace.h"

#include <cstddef>
#include <string>

namespace coroscope::bench {

struct Options {
    bool tenMillion = true; // --no-10m skips the 10M-event timeline
    std::string only; // --only <section>: scheduler, recorder, load, timeline, lanes, memory, pytrace
    std::string self; // this executable, for the memory section's child process
};

// `part`: empty for all, or "switch" / "spawn" alone (--only switch, --only spawn: for profiling).
void runSchedulerBench(const std::string &part = {});
void runRecorderBench();
void runLoadBench(const Options &options);
void runTimelineBench(const Options &options);
// Runs of 10,000 and 100,000 tasks (the latter skipped with --no-10m): lane layout, replots, cursor.
void runLanesBench(const Options &options);
void runMemoryBench(const Options &options);
// The Python tracer: its overhead on the switch workload against plain CPython, and a traced
// script's 1M-event stream to the first frame.
void runPyTraceBench(const Options &options);
// The child process of the memory section: the app's window holding the trace in `path`.
int memoryChild(int argc, char **argv, const std::string &path);

// A run recorded by the runtime itself, about `events` events: `tasks` tasks gathered by main, each
// sleeping round after round for a few milliseconds and printing now and then, so the trace has
// what real ones have: timers, callbacks, clock jumps, wake-ups and printed lines on many lanes.
Trace recordWorkers(std::size_t events, int tasks = 2000);
// A 1M-event native trace file (recorded once per run, in /tmp); its path.
const std::string &nativeTrace1m();
// The heap a trace holds: events, lanes, locations, timer dues and the string table.
std::size_t traceMemoryBytes(const Trace &trace);
void reportTraceBytes(const Trace &trace);

} // namespace coroscope::bench
