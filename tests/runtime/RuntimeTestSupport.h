// Small helpers shared by the runtime tests (tests/runtime/tst_*.cpp): reading a RunResult the
// way a user reads the timeline (lanes by name, the events of one lane, printed lines).
#pragma once

#include "runtime/Asyncio.h"
#include "runtime/Program.h"
#include "trace/LoopState.h"

#include <QString>
#include <QStringList>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace coroscope::testing {

inline QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// What the program printed, one entry per line.
inline QStringList lines(const RunResult &r)
{
    QStringList out;
    for (const auto &l : r.output)
        out << qs(l);
    return out;
}

// Run options for the real-time samples' machinery (sockets, threads).
inline RunOptions realTime()
{
    RunOptions o;
    o.clock = ClockMode::Real;
    return o;
}

inline std::uint32_t laneNamed(const Trace &t, std::string_view name)
{
    for (std::uint32_t i = 0; i < t.lanes.size(); ++i)
        if (t.laneName(i) == name)
            return i;
    return NoLane;
}

inline QStringList laneNames(const Trace &t)
{
    QStringList out;
    for (std::uint32_t i = 0; i < t.lanes.size(); ++i)
        out << qs(t.laneName(i));
    return out;
}

// Seqs of the events of `kinds` (all kinds when empty), on `lane` (any lane when NoLane).
inline std::vector<std::uint32_t> eventsOf(const Trace &t, std::uint32_t lane,
                                           std::initializer_list<EventKind> kinds = {})
{
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < t.events.size(); ++i) {
        const auto &e = t.events[i];
        if (lane != NoLane && e.lane != lane)
            continue;
        if (kinds.size() && std::find(kinds.begin(), kinds.end(), e.eventKind()) == kinds.end())
            continue;
        out.push_back(i);
    }
    return out;
}

// "kind detail" rows, e.g. "suspend sleep(1)", "resume None", "done 42": one lane's story.
inline QStringList story(const Trace &t, std::uint32_t lane, std::initializer_list<EventKind> kinds = {})
{
    QStringList out;
    for (auto seq : eventsOf(t, lane, kinds)) {
        const auto &e = t.events[seq];
        const auto detail = t.detail(e);
        out << qs(eventKindName(e.eventKind())) + (detail.empty() ? QString() : " " + qs(detail));
    }
    return out;
}

// The first event after `from` (exclusive) of `kind` on `lane` (any lane when NoLane) whose detail
// is `detail` (any when empty); NoEvent when there is none.
inline std::uint32_t findEvent(const Trace &t, EventKind kind, std::uint32_t lane = NoLane,
                               std::string_view detail = {}, std::uint32_t from = NoEvent)
{
    for (std::uint32_t i = from == NoEvent ? 0 : from + 1; i < t.events.size(); ++i) {
        const auto &e = t.events[i];
        if (e.eventKind() == kind && (lane == NoLane || e.lane == lane) && (detail.empty() || t.detail(e) == detail))
            return i;
    }
    return NoEvent;
}

// Every event, one line each ("12 1.5s Task-1 main() resume None <- 9"): for failure messages
// and for reading a trace while writing a test.
inline QString dump(const Trace &t)
{
    QString out;
    for (std::uint32_t i = 0; i < t.events.size(); ++i) {
        const auto &e = t.events[i];
        out += QStringLiteral("%1 %2s %3 %4 %5").arg(i).arg(double(t.time(i)) / 1e9).arg(qs(t.laneName(e.lane)),
                                                                                   qs(eventKindName(e.eventKind())),
                                                                                   qs(t.detail(e)));
        if (e.cause != NoEvent)
            out += QStringLiteral(" <- %1").arg(e.cause);
        out += '\n';
    }
    return out;
}

// The time of event `seq`, in seconds.
inline double seconds(const Trace &t, std::size_t seq)
{
    return double(t.time(std::uint32_t(seq))) / 1e9;
}

} // namespace coroscope::testing
