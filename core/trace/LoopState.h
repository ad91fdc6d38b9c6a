#pragma once

#include "Trace.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace coroscope {

// The event loop as it stood just after event `seq`, derived from the trace alone (stepping
// backwards is just reading): the ready queue in order, the armed timers, the running lane, the clock.
struct LoopState {
    struct Ready {
        std::uint32_t event; // the Schedule / TimerFire that queued it
        std::uint32_t lane;  // whose work it is
        std::uint32_t name;  // string id: "step", "wakeup", a callback's name
    };
    struct Timer {
        std::uint32_t armEvent;
        std::uint32_t lane; // who armed it
        std::int64_t due;
        std::uint32_t name;
    };
    // A synchronisation primitive (Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier) as its
    // `sync` events left it (docs/trace-format.md, "Synchronisation primitives").
    struct Primitive {
        struct Waiter {
            std::uint32_t lane;
            bool woken = false; // a release / set / notify has woken it; it has not run yet
        };
        std::string name;  // "Lock-1"
        std::string kind;  // "Lock"
        std::vector<std::uint32_t> holders; // Lock: at most one; Semaphore: who acquired and has not released
        std::vector<Waiter> waiters;        // in the order they will be served
        int value = -1;     // Semaphore: its counter; Barrier: how many have arrived
        int parties = -1;   // Barrier
        bool set = false;   // Event: its flag; Barrier: broken
        std::string lock;   // Condition: the name of its lock
        std::uint32_t lastEvent = NoEvent;
    };
    // Deques: the loop takes from the front, so a queue of 10,000 tasks costs no shifting per event.
    std::deque<Ready> ready;
    std::deque<Timer> timers; // sorted by (due, arming order): the order they will fire in
    std::vector<Primitive> primitives; // in the order they were created
    std::uint32_t running = NoLane;
    std::int64_t clock = 0;
};

// A `sync` event's detail, "Semaphore-2 release value=1", split: the primitive, its kind, the verb
// and the value of a `key=` field (empty when there is none).
struct SyncDetail {
    std::string_view name;
    std::string_view kind;
    std::string_view verb;
    std::string_view rest;
    std::string_view field(std::string_view key) const;
};
SyncDetail parseSyncDetail(std::string_view detail);

// Replays events [0, seq] and returns the state after `seq`. O(seq): a caller stepping through a
// large trace should use LoopStateTracker, which moves from its last position or a checkpoint.
LoopState loopStateAt(const Trace &trace, std::uint32_t seq);

class LoopStateTracker
{
public:
    // Moving forwards applies events from the last position. Moving backwards restarts from the
    // nearest checkpoint, a copy of the state kept every `checkpointInterval` events on the way
    // forwards: one step back in a million-event trace replays at most that many events, not all.
    explicit LoopStateTracker(const Trace &trace, std::uint32_t checkpointInterval = 4096);
    const LoopState &at(std::uint32_t seq);

    std::size_t checkpointCount() const { return m_checkpoints.size(); }

private:
    struct Replay {
        LoopState state;
        std::int64_t position = -1; // last applied seq
        std::vector<std::uint32_t> runningStack;
        bool inCallback = false;
    };
    void apply(std::uint32_t seq);
    void keepCheckpoint();

    const Trace &m_trace;
    EventClock m_times; // replays move forwards: no epoch search per event
    std::uint32_t m_interval;
    Replay m_now;
    std::vector<Replay> m_checkpoints; // ascending positions, each a multiple of m_interval (minus one)
    std::size_t m_checkpointEntries = 0;
};

} // namespace coroscope
