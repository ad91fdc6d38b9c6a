#include "RealClockFilter.h"

#include "PythonRenderer.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace coroscope::difftest {

namespace {

struct Timer {
    std::int64_t armed = 0;
    std::int64_t due = 0;
    std::string name;
};

// The instant to the millisecond: every instant of a traced program is a multiple of 0.1 s, give or
// take the float arithmetic of `loop.time() + delay`.
std::int64_t ms(std::int64_t ns)
{
    return (ns + 500'000) / 1'000'000;
}

std::string seconds(std::int64_t ns)
{
    return fmt::format("{:g} s", double(ns) / 1e9);
}

// The largest TaskGroup of the block, nested ones included.
std::size_t largestTaskGroup(const std::vector<Stmt> &block)
{
    std::size_t n = 0;
    for (const auto &s : block) {
        if (s.op == Op::TaskGroup)
            n = std::max(n, s.items.size());
        n = std::max({n, largestTaskGroup(s.body), largestTaskGroup(s.handler), largestTaskGroup(s.finally)});
    }
    return n;
}

// Whether one step or callback cancelled two tasks or more (a TaskGroup's abort): two tasks resumed
// with CancelledError by wake-ups scheduled in the same slice of the run.
bool batchCancelled(const Trace &t)
{
    std::vector<std::uint32_t> slice(t.events.size());
    std::uint32_t current = 0;
    for (std::uint32_t seq = 0; seq < t.events.size(); ++seq) {
        const auto k = t.events[seq].eventKind();
        if (k == EventKind::Start || k == EventKind::Resume || k == EventKind::Callback)
            ++current;
        slice[seq] = current;
    }
    std::map<std::uint32_t, std::uint32_t> laneBySlice;
    for (std::uint32_t seq = 0; seq < t.events.size(); ++seq) {
        const auto &e = t.events[seq];
        if (e.eventKind() != EventKind::Resume || t.lanes[e.lane].kind != LaneKind::Task
            || !t.detail(e).starts_with("CancelledError"))
            continue;
        if (e.cause == NoEvent || e.cause >= seq)
            return true; // unknown: assume the worst
        const auto [it, fresh] = laneBySlice.emplace(slice[e.cause], e.lane);
        if (!fresh && it->second != e.lane)
            return true;
    }
    return false;
}

// The tasks that asyncio.run() cancels at its end: those with events after the loop first stopped
// once main() had ended.
std::size_t tasksLeftAtTheEnd(const Trace &t)
{
    std::uint32_t mainEnd = NoEvent;
    for (std::uint32_t seq = 0; seq < t.events.size() && mainEnd == NoEvent; ++seq) {
        const auto &e = t.events[seq];
        const auto k = e.eventKind();
        if ((k == EventKind::Done || k == EventKind::Error || k == EventKind::Cancel)
            && t.lanes[e.lane].kind == LaneKind::Task && t.laneName(e.lane).ends_with(" main()"))
            mainEnd = seq;
    }
    if (mainEnd == NoEvent)
        return 0;
    std::uint32_t stop = mainEnd;
    while (stop < t.events.size()
           && !(t.events[stop].eventKind() == EventKind::Callback && t.detail(t.events[stop]) == "stop loop"))
        ++stop;
    std::set<std::uint32_t> lanes;
    for (std::uint32_t seq = stop; seq < t.events.size(); ++seq)
        if (t.lanes[t.events[seq].lane].kind == LaneKind::Task)
            lanes.insert(t.events[seq].lane);
    return lanes.size();
}

} // namespace

std::string realClockObstacle(const Program &program, const ScriptRun &traced, const RealClockLimits &limits)
{
    if (traced.cutShort || traced.stopped)
        return "the traced run did not end by itself: "
            + traced.result.error.substr(0, traced.result.error.find('\n'));
    const Trace &t = traced.result.trace;
    const std::int64_t end = t.endTime();
    if (double(end) / 1e9 > limits.maxNominalSeconds)
        return fmt::format("it lasts {} (at most {:g} s)", seconds(end), limits.maxNominalSeconds);

    std::size_t group = largestTaskGroup(program.main.body);
    for (const auto &f : program.functions)
        group = std::max(group, largestTaskGroup(f.body));
    if (group >= 2 && !limits.admitSetOrders && batchCancelled(t))
        return fmt::format(
            "a TaskGroup of {} tasks cancelled its tasks: python3 does it in the order of a set", group);
    if (const auto left = tasksLeftAtTheEnd(t); left >= 2 && !limits.admitSetOrders)
        return fmt::format("{} tasks left when main() ends: python3 cancels them in the order of a set",
                           left);

    std::unordered_map<std::uint32_t, std::int64_t> cancelled; // arm event -> when cancelled
    for (std::uint32_t seq = 0; seq < t.events.size(); ++seq)
        if (t.events[seq].eventKind() == EventKind::TimerCancel && t.events[seq].cause != NoEvent)
            cancelled.emplace(t.events[seq].cause, t.time(seq));

    std::map<std::int64_t, std::vector<Timer>> fired; // due (ms) -> the timers that fired then
    for (std::uint32_t seq = 0; seq < t.events.size(); ++seq) {
        if (t.events[seq].eventKind() != EventKind::TimerArm)
            continue;
        Timer timer {t.time(seq), t.dueTime(seq), std::string(t.detail(t.events[seq]))};
        if (timer.due < 0)
            continue; // never due: the run ended first
        if (t.timerFireOf(seq) == NoEvent) {
            const auto c = cancelled.find(seq);
            if (c != cancelled.end() && ms(c->second) >= ms(timer.due))
                return fmt::format("{} was cancelled at its due instant, {}", timer.name, seconds(timer.due));
            continue;
        }
        if (ms(timer.due) > ms(timer.armed)) // a timer of delay 0 is due at once on either clock
            fired[ms(timer.due)].push_back(std::move(timer));
    }
    for (const auto &[due, timers] : fired) {
        if (timers.size() < 2)
            continue;
        for (const auto &timer : timers) {
            if (timer.name.rfind("sleep(", 0) != 0)
                return fmt::format("{} fires together with another timer at {}: only sleeps may tie",
                                   timer.name, seconds(timer.due));
            if (ms(timer.armed) != ms(timers[0].armed))
                return fmt::format("{} armed at {} and {} armed at {} fire together at {}", timers[0].name,
                                   seconds(timers[0].armed), timer.name, seconds(timer.armed),
                                   seconds(timers[0].due));
        }
    }
    return {};
}

} // namespace coroscope::difftest
