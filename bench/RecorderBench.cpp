// Recorder: ns per recorded event on the hot path, and the bytes a recorded trace holds per event.
#include "Measure.h"
#include "Sections.h"
#include "Summary.h"

#include "trace/Recorder.h"
#include "trace/TraceFile.h"

#include <cstdio>

namespace coroscope::bench {

namespace {

// The hot path as the runtime uses it: interned detail and location ids, one 20-byte append. The
// recorder is reused, so that page faults of fresh memory (a one-off per run) are not counted.
double recordNsPerEvent(Recorder &rec, std::size_t events)
{
    const auto detail = rec.intern("sleep(0)");
    const auto lane = rec.addLane("Task-2 switcher()", LaneKind::Task, 0);
    rec.trace().events.clear();
    const double ns = cpuNs([&] {
        for (std::size_t i = 0; i < events; ++i)
            rec.record(EventKind(2 + (i & 1)), lane, std::uint32_t(i), detail, 1);
    });
    doNotOptimize(rec.trace().events.data());
    return ns / double(events);
}

} // namespace

std::size_t traceMemoryBytes(const Trace &t)
{
    std::size_t bytes = t.events.capacity() * sizeof(Event) + t.lanes.capacity() * sizeof(Lane)
        + t.locations.capacity() * sizeof(SourceLocation) + t.timerDues.capacity() * sizeof(TimerDue)
        + t.epochs.capacity() * sizeof(TimeEpoch);
    // Lane names are string ids. The string table as it is: its texts' blocks, their views and its index (this counted a
    // std::string, its heap text and a 48-byte hash-map node per string, the table of round 1).
    return bytes + t.strings.memoryBytes();
}

void runRecorderBench()
{
    std::printf("recorder\n");
    auto &s = summary();
    constexpr std::size_t events = 1 << 20;
    Recorder rec(events + 16);
    recordNsPerEvent(rec, events); // touches the pages once
    s.add("record_ns_per_event", bestOf(9, [&] { return recordNsPerEvent(rec, events); }), 2);
    s.add("event_struct_bytes", double(sizeof(Event)), 0);
}

// bytes_per_event is measured on a real recorded run (LoadBench: the 1M-event trace), where the
// strings, lanes and locations are what a program leaves, not a synthetic minimum.
void reportTraceBytes(const Trace &t)
{
    auto &s = summary();
    const double n = double(t.events.size());
    // Where the bytes go besides the event itself (20 B; the goal is 24 B in all).
    std::printf("  trace in memory, bytes per event: events %.2f (capacity), timer due times %.2f (%zu timers), "
                "strings %.2f (%zu), lanes %.2f (%zu), locations %.2f, time epochs %.3f (%zu)\n",
                double(t.events.capacity() * sizeof(Event)) / n, double(t.timerDues.capacity() * sizeof(TimerDue)) / n,
                t.timerDues.size(), double(t.strings.memoryBytes()) / n, std::size_t(t.strings.size()),
                double(t.lanes.capacity() * sizeof(Lane)) / n, t.lanes.size(),
                double(t.locations.capacity() * sizeof(SourceLocation)) / n,
                double(t.epochs.capacity() * sizeof(TimeEpoch)) / n, t.epochs.size());
    s.add("bytes_per_event", double(traceMemoryBytes(t)) / n, 1);
    s.add("file_bytes_per_event", double(serializeTrace(t).size()) / n, 1);
}

} // namespace coroscope::bench
