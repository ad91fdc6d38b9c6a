#include "TraceSlice.h"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace coroscope {

Trace sliceTrace(const Trace &trace, std::uint32_t first, std::uint32_t last)
{
    last = std::uint32_t(std::min<std::size_t>(last, trace.events.size()));
    first = std::min(first, last);
    Trace out;
    out.strings = trace.strings;
    out.locations = trace.locations;
    out.clock = trace.clock;
    out.metadata = trace.metadata;
    out.metadata.emplace_back("slice", fmt::format("{}..{}", first, last));
    const std::int64_t t0 = first < last ? trace.time(first) : 0;

    std::vector<bool> used(trace.lanes.size(), false);
    for (std::uint32_t s = first; s < last; ++s)
        used[trace.events[s].lane] = true;
    std::vector<std::uint32_t> laneMap(trace.lanes.size(), NoLane);
    for (std::size_t i = 0; i < trace.lanes.size(); ++i) {
        if (!used[i])
            continue;
        Lane lane = trace.lanes[i];
        // Parents have smaller ids, so theirs are mapped already.
        std::uint32_t parent = lane.parent;
        while (parent != NoLane && laneMap[parent] == NoLane)
            parent = trace.lanes[parent].parent;
        lane.parent = parent == NoLane ? NoLane : laneMap[parent];
        lane.created = lane.created >= first && lane.created < last ? lane.created - first : 0;
        laneMap[i] = std::uint32_t(out.lanes.size());
        out.lanes.push_back(std::move(lane));
    }

    out.events.reserve(last - first);
    EventClock time(trace);
    for (std::uint32_t s = first; s < last; ++s) {
        Event e = trace.events[s];
        e.lane = laneMap[e.lane];
        e.cause = e.cause != NoEvent && e.cause >= first && e.cause < s ? e.cause - first : NoEvent;
        out.append(e, time(s) - t0);
    }
    // A due stays implied when its TimerFire is in the slice too; otherwise the slice notes it.
    for (std::uint32_t s = first; s < last; ++s) {
        if (trace.events[s].eventKind() != EventKind::TimerArm)
            continue;
        const auto due = trace.dueTime(s);
        if (due < 0)
            continue;
        const auto fire = trace.timerFireOf(s);
        if (fire < last && trace.time(fire) == due)
            continue;
        out.timerDues.push_back({s - first, due - t0});
    }
    for (const Annotation &a : trace.annotations)
        if (a.seq >= first && a.seq < last)
            out.annotations.push_back({a.seq - first, a.note});
    return out;
}

std::optional<std::uint32_t> findOutput(const Trace &trace, std::string_view prefix)
{
    for (std::uint32_t s = 0; s < trace.events.size(); ++s) {
        const Event &e = trace.events[s];
        if (e.eventKind() == EventKind::Output && trace.detail(e).starts_with(prefix))
            return s;
    }
    return std::nullopt;
}

} // namespace coroscope
