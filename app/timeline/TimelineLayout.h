#pragma once

#include "TimelineCoordinates.h"
#include "trace/Trace.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace coroscope {

// What a lane is doing over a span of events.
enum class SpanState : std::uint8_t {
    Pending, // created, first step not taken yet (waits in the ready queue, or a generator not yet called)
    Running, // its code runs; on the loop's row: `owner` runs
    Suspended, // stopped at an await / yield; `label` says what it waits for
    Idle, // loop's row only: nothing runs, the clock may jump; `label` is the Clock event's text
};

// One span, in event numbers: it opens at event `begin` and closes at event `end`. Both axes derive
// from these (steps: the seqs; time: the events' times), so one array serves both modes.
struct TimelineSpan {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint32_t label = 0; // string id (suspend detail, callback name, clock jump), 0 = none
    std::uint32_t owner = 0; // the lane that runs (the row's own lane except on the loop's row)
    SpanState state = SpanState::Running;
    bool open = false; // never closed: still in this state when the trace ends
    // On the time axis the loop's clock jump (a Clock event) happens *before* its event: a span
    // ending at the jump ends at the time of the event before it, the idle gap after it starts there.
    bool endsBeforeJump = false;
    bool beginsBeforeJump = false;
};

// One row of the timeline: a lane's spans sorted by start (they never overlap), the events drawn on
// it and prefix sums of running length for level-of-detail colouring (after Qt Creator's
// TimelineModel: flat arrays, queried by index range).
struct TimelineRow {
    std::uint32_t lane = 0;
    std::vector<TimelineSpan> spans;
    std::vector<std::uint32_t> events; // seqs of the events on this lane, ascending
    std::vector<std::uint32_t> outputs; // seqs of its Output events (printed lines)
    std::vector<std::uint64_t> runSteps; // runSteps[i] = steps spent Running in spans [0, i)
    std::vector<std::int64_t> runNs; // the same in nanoseconds
};

// What a lane is doing just after an event (the cursor): filters and group counts read it.
enum class LaneState : std::uint8_t {
    NotStarted, // not created yet, or created and waiting for its first step
    Running,
    Waiting, // suspended at an await / yield
    Done, // returned, raised or was cancelled
};

// A wake-up (or first step) drawn as an arrow from the event that caused it.
struct TimelineArrow {
    enum Kind : std::uint8_t { Wakeup, Start };
    std::uint32_t from = 0; // the waker's event (a Schedule's own cause, a timer's callback, a Suspend)
    std::uint32_t to = 0; // the Resume / Start it caused
    Kind kind = Wakeup;
};

// A span or a run of merged spans as drawn at the current zoom (level of detail).
struct LodSpan {
    double start = 0; // x units
    double end = 0;
    std::uint32_t first = 0; // index of the first span in the row
    std::uint32_t count = 1; // spans merged into this one (1: draw `first` as it is)
    float busy = 0; // fraction of the extent spent Running (merged spans' colour)
};

// From a Trace to per-row span arrays, markers and arrows; plain C++ (no Qt), so tests drive it with
// real traces. The trace must outlive the layout (rebuild when it changes).
class TimelineLayout
{
public:
    TimelineLayout() = default;
    explicit TimelineLayout(const Trace &trace) { build(trace); }

    void build(const Trace &trace);
    void clear();

    const Trace *trace() const { return m_trace; }
    std::size_t eventCount() const { return m_trace ? m_trace->events.size() : 0; }
    int rowCount() const { return int(m_rows.size()); }
    const TimelineRow &row(int index) const { return m_rows[std::size_t(index)]; }
    const std::vector<TimelineRow> &rows() const { return m_rows; }
    // The row showing `lane`, or -1.
    int rowOfLane(std::uint32_t lane) const;
    // The first event loop's row (which lane runs when, clock jumps), or -1 without a loop.
    int loopRow() const { return m_loopRow; }
    std::string_view rowName(int row) const;
    LaneKind rowKind(int row) const;
    std::string_view spanLabel(const TimelineSpan &span) const;

    const std::vector<TimelineArrow> &arrows() const { return m_arrows; }
    // Heap bytes held by the layout (the trace not included).
    std::size_t memoryUsage() const;
    std::size_t arrowCount(TimelineArrow::Kind kind) const;

    // Coordinates: steps put event `seq` at x = seq, time at its clock time in seconds.
    double x(std::uint32_t seq, TimelineAxis axis) const
    {
        return axis == TimelineAxis::Steps ? double(seq) : double(m_trace->time(seq)) * 1e-9;
    }
    double spanStart(const TimelineSpan &s, TimelineAxis axis) const
    {
        return x(axis == TimelineAxis::Time && s.beginsBeforeJump ? s.begin - 1 : s.begin, axis);
    }
    double spanEnd(const TimelineSpan &s, TimelineAxis axis) const
    {
        return x(axis == TimelineAxis::Time && s.endsBeforeJump ? s.end - 1 : s.end, axis);
    }
    // The same in nanoseconds of the trace's clock.
    std::int64_t spanStartNs(const TimelineSpan &s) const
    {
        return m_trace->time(s.beginsBeforeJump ? s.begin - 1 : s.begin);
    }
    std::int64_t spanEndNs(const TimelineSpan &s) const
    {
        return m_trace->time(s.endsBeforeJump ? s.end - 1 : s.end);
    }
    // First and last event's x (zero width for an empty trace).
    XRange dataRange(TimelineAxis axis) const;

    // Index ranges [first, last) of what intersects `range` (binary searches, O(log n)).
    std::pair<std::size_t, std::size_t> spansIn(int row, XRange range, TimelineAxis axis) const;
    std::pair<std::size_t, std::size_t> eventsIn(int row, XRange range, TimelineAxis axis) const;
    std::pair<std::size_t, std::size_t> outputsIn(int row, XRange range, TimelineAxis axis) const;
    // Arrows whose target lies in `range` or up to `range.width()` beyond its end (callers still
    // check the source), sorted by target.
    std::pair<std::size_t, std::size_t> arrowsIn(XRange range, TimelineAxis axis) const;

    // Level of detail: the spans of `row` intersecting `range`, with runs of spans narrower than
    // `minPixels` merged into one (Tracy merges under a few pixels; the merged run carries its
    // running fraction). O(range pixels / minPixels * log n), whatever the number of spans.
    void lodSpans(int row, XRange range, TimelineAxis axis, double pixelsPerUnit, double minPixels,
                  std::vector<LodSpan> &out) const;
    // Running fraction of spans [first, last) of `row` over their extent.
    float busyFraction(int row, std::size_t first, std::size_t last, TimelineAxis axis) const;

    // The state of `row`'s lane just after event `seq` (-1: before the first event). O(log n).
    LaneState laneStateAt(int row, std::int64_t seq) const;
    // Whether the lane's run ended (Done, Error or Cancel) by the end of the trace.
    bool rowFinishes(int row) const;

    // The event at x: steps round to the nearest column, time takes the last event at or before x.
    // -1 before the first event (or for an empty trace).
    std::int64_t eventAt(double x, TimelineAxis axis) const;
    // The event of `row` nearest to x within `maxDistance` units (ties: the later one, drawn on top), or -1.
    std::int64_t nearestEventInRow(int row, double x, TimelineAxis axis, double maxDistance) const;

private:
    const Trace *m_trace = nullptr;
    std::vector<TimelineRow> m_rows;
    std::vector<int> m_rowOfLane;
    std::vector<TimelineArrow> m_arrows;
    int m_loopRow = -1;
};

} // namespace coroscope
