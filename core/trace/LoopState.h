#pragma once

#include "Trace.h"

#include <cstddef>
#include <cstdint>
#include <deque>
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
    // Deques: the loop takes from the front, so a queue of 10,000 tasks costs no shifting per event.
    std::deque<Ready> ready;
    std::deque<Timer> timers; // sorted by (due, arming order): the order they will fire in
    std::uint32_t running = NoLane;
    std::int64_t clock = 0;
};

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
    std::uint32_t m_interval;
    Replay m_now;
    std::vector<Replay> m_checkpoints; // ascending positions, each a multiple of m_interval (minus one)
    std::size_t m_checkpointEntries = 0;
};

} // namespace coroscope
