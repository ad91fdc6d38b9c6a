#pragma once

#include "Trace.h"

#include <cstdint>
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
    std::vector<Ready> ready;
    std::vector<Timer> timers; // sorted by (due, arming order): the order they will fire in
    std::uint32_t running = NoLane;
    std::int64_t clock = 0;
};

// Replays events [0, seq] and returns the state after `seq`. O(seq): a caller stepping through a
// large trace should use LoopStateTracker, which moves from its last position.
LoopState loopStateAt(const Trace &trace, std::uint32_t seq);

class LoopStateTracker
{
public:
    explicit LoopStateTracker(const Trace &trace);
    // The state after `seq`; cheap when seq moves forward a little, replays from the start otherwise.
    const LoopState &at(std::uint32_t seq);

private:
    void apply(std::uint32_t seq);

    const Trace &m_trace;
    LoopState m_state;
    std::int64_t m_position = -1; // last applied seq
    std::vector<std::uint32_t> m_runningStack;
    bool m_inCallback = false;
};

} // namespace coroscope
