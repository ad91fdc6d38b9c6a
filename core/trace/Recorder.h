#pragma once

#include "Trace.h"

#include <cstdint>
#include <source_location>
#include <string_view>
#include <unordered_map>

namespace coroscope {

// Appends events to a Trace. Cheap on the hot path: one bounds check and a 24-byte push_back.
// The runtime calls it where work is queued, resumed and completed; sample code never does.
class Recorder
{
public:
    explicit Recorder(std::uint64_t budget = 2'000'000);

    std::uint32_t record(EventKind kind, std::uint32_t lane, std::uint32_t cause = NoEvent,
                         std::uint32_t detail = 0, std::uint32_t loc = 0)
    {
        if (!m_enabled) [[unlikely]]
            return NoEvent;
        if (m_trace.events.size() >= m_budget) [[unlikely]] {
            m_exhausted = true; // the loop and generators check this at safe points and stop the run
            return NoEvent;
        }
        const auto seq = std::uint32_t(m_trace.events.size());
        Event &e = m_trace.events.emplace_back();
        e.time = m_now;
        e.lane = lane;
        e.cause = cause;
        e.detail = detail;
        e.loc = loc;
        e.kind = std::uint32_t(kind);
        return seq;
    }
    std::uint32_t record(EventKind kind, std::uint32_t lane, std::uint32_t cause, std::string_view detail,
                         std::uint32_t loc = 0)
    {
        return record(kind, lane, cause, intern(detail), loc);
    }

    // Creates a lane and records its Create event (detail = its name).
    std::uint32_t addLane(std::string name, LaneKind kind, std::uint32_t parent, std::uint32_t cause = NoEvent);
    void renameLane(std::uint32_t lane, std::string name);

    std::uint32_t intern(std::string_view text) { return m_trace.strings.intern(text); }
    std::uint32_t location(const std::source_location &where);
    void setTimerDue(std::uint32_t armEvent, std::int64_t due) { m_trace.timerDues.push_back({armEvent, due}); }

    std::int64_t now() const { return m_now; }
    void setNow(std::int64_t ns) { m_now = ns; }

    std::uint64_t budget() const { return m_budget; }
    bool exhausted() const { return m_exhausted; }
    // Lets the final Fault event through once the budget has been hit.
    void allowFinalEvents() { m_budget = m_trace.events.size() + 16; }
    // Nothing is recorded (benchmarks of the bare scheduler).
    void setEnabled(bool on) { m_enabled = on; }
    bool enabled() const { return m_enabled; }

    const Trace &trace() const { return m_trace; }
    Trace &trace() { return m_trace; }
    Trace takeTrace() { return std::move(m_trace); }

private:
    Trace m_trace;
    std::int64_t m_now = 0;
    std::uint64_t m_budget;
    bool m_exhausted = false;
    bool m_enabled = true;
    struct LocKey {
        const char *file;
        std::uint32_t line;
        bool operator==(const LocKey &) const = default;
    };
    struct LocHash {
        std::size_t operator()(const LocKey &k) const { return std::hash<const void *>{}(k.file) ^ (k.line * 0x9e3779b97f4a7c15ull); }
    };
    std::unordered_map<LocKey, std::uint32_t, LocHash> m_locIds;
};

} // namespace coroscope
