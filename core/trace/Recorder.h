#pragma once

#include "Trace.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <type_traits>
#include <source_location>
#include <string_view>
#include <unordered_map>

namespace coroscope {

// Appends events to a Trace. Cheap on the hot path: one bounds check and a 20-byte store.
// The runtime calls it where work is queued, resumed and completed; sample code never does.
class Recorder
{
public:
    explicit Recorder(std::uint64_t budget = 2'000'000);

    [[gnu::always_inline]] std::uint32_t record(EventKind kind, std::uint32_t lane, std::uint32_t cause = NoEvent,
                                                std::uint32_t detail = 0, std::uint32_t loc = 0)
    {
        if (fast()) [[likely]]
            return appendFast(kind, lane, cause, detail, loc);
        if (!m_enabled) // (set before a run starts, never while workers record: no lock needed)
            return NoEvent;
        return locked([&] { return append(kind, lane, cause, detail, loc); });
    }
    std::uint32_t record(EventKind kind, std::uint32_t lane, std::uint32_t cause, std::string_view detail,
                         std::uint32_t loc = 0)
    {
        if (fast()) [[likely]]
            return appendFast(kind, lane, cause, m_trace.strings.intern(detail), loc);
        // Not even interned when recording is off: the bare scheduler's benchmark pays no hashing.
        if (!m_enabled)
            return NoEvent;
        return locked([&] { return append(kind, lane, cause, m_trace.strings.intern(detail), loc); });
    }

    // Creates a lane and records its Create event (detail = its name).
    std::uint32_t addLane(std::string_view name, LaneKind kind, std::uint32_t parent, std::uint32_t cause = NoEvent);
    // The string id of a lane's name (0 when nothing is recorded).
    std::uint32_t laneNameId(std::uint32_t lane)
    {
        return locked([&] { return m_trace.lanes[lane].nameId; });
    }
    void renameLane(std::uint32_t lane, std::string_view name);

    std::uint32_t intern(std::string_view text)
    {
        return locked([&] { return m_trace.strings.intern(text); });
    }
    // A copy of an interned string. Use this, not trace().strings.at(), while worker threads may be
    // recording: their interning can grow the table (and move its strings) under a reader's feet.
    std::string text(std::uint32_t id)
    {
        return locked([&] { return std::string(m_trace.strings.at(id)); });
    }
    // Every co_await asks for its source location: a small direct-mapped cache of (file pointer,
    // line) answers before the hash map (single-threaded runs only: workers take the locked path).
    std::uint32_t location(const std::source_location &where)
    {
        if (m_shared.load(std::memory_order_relaxed)) [[unlikely]]
            return locationSlow(where);
        auto &slot = m_locCache[((std::uintptr_t(where.file_name()) >> 4) ^ (where.line() * 0x9e3779b1u))
                                & (LocCacheSize - 1)];
        if (slot.file != where.file_name() || slot.line != where.line()) [[unlikely]]
            slot = {where.file_name(), where.line(), locationSlow(where)};
        return slot.id;
    }
    // Whether location `loc` is in the runtime's own code (core/runtime), not in a program's.
    bool isLibraryLocation(std::uint32_t loc) const { return loc < m_libraryLocs.size() && m_libraryLocs[loc]; }
    bool isShared() const { return m_shared.load(std::memory_order_relaxed); }
    // Notes the due time of the timer armed by `armEvent` (called when it is armed). The entry goes
    // again when the TimerFire naming the arm as its cause is recorded at that very time: the fire
    // then implies it (see timerFired()).
    void setTimerDue(std::uint32_t armEvent, std::int64_t due)
    {
        locked([&] {
            auto &dues = m_trace.timerDues;
            if (dues.empty() || dues.back().armEvent < armEvent) [[likely]]
                dues.push_back({armEvent, due});
            else
                insertTimerDue(armEvent, due);
        });
    }

    std::int64_t now() const { return m_now.load(std::memory_order_relaxed); }
    // The clock only moves forward: events stay in time order.
    void setNow(std::int64_t ns)
    {
        locked([&] {
            m_now.store(std::max(now(), ns), std::memory_order_relaxed);
            syncEpoch();
        });
    }

    // Real time: every event is stamped with the wall clock, `startNs` (steady clock) being t = 0.
    void useRealClock(std::int64_t startNs)
    {
        m_realStart = startNs;
        updateFastEnd();
    }
    // Worker threads record too: from now on every call takes a lock (single-threaded runs never do).
    void setShared()
    {
        m_shared.store(true, std::memory_order_relaxed);
        m_fastEnd.store(nullptr, std::memory_order_relaxed);
    }

    std::uint64_t budget() const { return m_budget; }
    bool exhausted() const { return m_exhausted.load(std::memory_order_relaxed); }
    // Lets the final Fault event through once the budget has been hit.
    void allowFinalEvents()
    {
        m_budget = m_trace.events.size() + 16;
        updateFastEnd();
    }
    // Nothing is recorded (benchmarks of the bare scheduler).
    void setEnabled(bool on)
    {
        m_enabled = on;
        updateFastEnd();
    }
    bool enabled() const { return m_enabled; }

    // The trace so far.
    Trace &trace() { return m_trace; }
    // The trace, its implied timer dues compacted away and no empty epoch at its end.
    Trace takeTrace()
    {
        m_fastEnd.store(nullptr, std::memory_order_relaxed);
        return locked([&] {
            finish();
            Trace out = std::move(m_trace);
            m_trace = Trace{}; // what is recorded after this goes to a fresh trace
            m_epochBase = 0;
            syncEpoch();
            return out;
        });
    }

private:
    // Always inlined: the hot path is one test of m_shared, then the append.
    template<class F>
    [[gnu::always_inline]] auto locked(F &&f) -> std::invoke_result_t<F &>
    {
        if (m_shared.load(std::memory_order_relaxed)) [[unlikely]] {
            std::lock_guard guard(m_mutex);
            return f();
        }
        return f();
    }
    // The common case in one test: recording on, one thread, the virtual clock, and room left in
    // both the budget and the array's reserved capacity (so the append cannot reallocate).
    [[gnu::always_inline]] bool fast() const
    {
        // The end first: null while workers record, and then the array's size (which they change
        // under the lock) is not read at all (TSan saw that race).
        const Event *end = m_fastEnd.load(std::memory_order_relaxed);
        return end && m_trace.events.end() < end;
    }
    [[gnu::always_inline]] std::uint32_t appendFast(EventKind kind, std::uint32_t lane, std::uint32_t cause,
                                                    std::uint32_t detail, std::uint32_t loc)
    {
        const auto seq = std::uint32_t(m_trace.events.size());
        Event &e = m_trace.events.appendUnchecked(); // fast(): there is room
        e.timeLo = m_nowLo;
        e.lane = lane;
        e.cause = cause;
        e.detail = detail;
        e.loc = loc;
        e.kind = std::uint32_t(kind);
        if (kind == EventKind::TimerFire) [[unlikely]] // (a constant at nearly every call: folded away)
            timerFired(cause);
        return seq;
    }
    // Where the fast path ends now: null when one of its conditions does not hold.
    void updateFastEnd();
    [[gnu::noinline]] std::uint32_t append(EventKind kind, std::uint32_t lane, std::uint32_t cause, std::uint32_t detail,
                         std::uint32_t loc)
    {
        if (!m_enabled) [[unlikely]]
            return NoEvent;
        if (m_trace.events.size() >= m_budget) [[unlikely]] {
            m_exhausted.store(true, std::memory_order_relaxed); // the loop and generators check this at safe points and stop the run
            return NoEvent;
        }
        if (m_realStart) [[unlikely]] {
            m_now.store(std::max(now(), steadyNowNs() - m_realStart), std::memory_order_relaxed);
            syncEpoch();
        }
        const auto seq = std::uint32_t(m_trace.events.size());
        Event &e = m_trace.events.emplace_back();
        e.timeLo = m_nowLo;
        e.lane = lane;
        e.cause = cause;
        e.detail = detail;
        e.loc = loc;
        e.kind = std::uint32_t(kind);
        if (kind == EventKind::TimerFire) [[unlikely]]
            timerFired(cause);
        if (!m_shared.load(std::memory_order_relaxed)) [[unlikely]]
            updateFastEnd(); // after the array grew, or the first event: the fast path resumes
        return seq;
    }
    // After the clock moved: the offset the next events store, in a new epoch when it no longer
    // fits 32 bits past the current one's base. The clock never goes back, so one test suffices.
    void syncEpoch()
    {
        const auto t = now();
        if (std::uint64_t(t - m_epochBase) > 0xffffffffu) [[unlikely]] {
            m_trace.openEpoch(t);
            m_epochBase = t;
        }
        m_nowLo = std::uint32_t(t - m_epochBase);
    }
    // A TimerFire of the timer armed by `armEvent` was just recorded, at now(): a due equal to it
    // is implied, its entry marked ImpliedDue and compacted away once they make half the table.
    void timerFired(std::uint32_t armEvent);
    void insertTimerDue(std::uint32_t armEvent, std::int64_t due);
    void compactTimerDues();
    void finish();
    static std::int64_t steadyNowNs();
    void adviseHugePages();
    std::uint32_t locationSlow(const std::source_location &where);

    Trace m_trace;
    std::vector<bool> m_libraryLocs; // by location id: in core/runtime
    std::mutex m_mutex;
    // Atomic: a worker's ThreadScope sets it again while other threads test it (a data race on a
    // plain bool). Relaxed is enough: it first turns true on the submitting thread before any worker
    // exists, and the thread's creation orders that for the worker.
    std::atomic<bool> m_shared{false};
    std::int64_t m_realStart = 0;
    std::atomic<std::int64_t> m_now{0}; // written under the lock once shared; read anywhere
    std::int64_t m_epochBase = 0; // the base of the trace's last epoch
    std::uint32_t m_nowLo = 0;    // m_now - m_epochBase: what an event recorded now stores
    std::size_t m_impliedDues = 0; // ImpliedDue entries in timerDues
    std::uint64_t m_budget;
    std::atomic<bool> m_exhausted{false};
    bool m_enabled = true;
    // The end of the room the fast path may fill (see fast()). Atomic: a worker's ThreadScope clears
    // it (setShared) while the loop's thread tests it.
    std::atomic<Event *> m_fastEnd{nullptr};
    struct LocKey {
        const char *file;
        std::uint32_t line;
        bool operator==(const LocKey &) const = default;
    };
    struct LocHash {
        std::size_t operator()(const LocKey &k) const { return std::hash<const void *>{}(k.file) ^ (k.line * 0x9e3779b97f4a7c15ull); }
    };
    std::unordered_map<LocKey, std::uint32_t, LocHash> m_locIds;
    struct LocCacheSlot {
        const char *file = nullptr;
        std::uint32_t line = 0;
        std::uint32_t id = 0;
    };
    static constexpr std::size_t LocCacheSize = 64;
    LocCacheSlot m_locCache[LocCacheSize];
};

} // namespace coroscope
