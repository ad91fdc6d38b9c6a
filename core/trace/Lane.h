#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace coroscope {

// What runs on a lane. Numeric values are part of the native trace format.
enum class LaneKind : std::uint8_t {
    Module,    // top-level code of the sample (Python's <module>)
    Loop,      // the event loop itself: callbacks, timers, clock jumps
    Task,      // an asyncio Task
    Coroutine, // a coroutine object driven by hand (send/close), not wrapped in a task
    Generator, // a generator (or async generator)
    Worker,    // a thread: an executor's worker, or one the script started
    Process,   // a process the script started (a multiprocessing worker, a pool's)
    Count_
};

std::string_view laneKindName(LaneKind kind);
bool laneKindFromName(std::string_view name, LaneKind &out);

inline constexpr std::uint32_t NoLane = 0xffffffffu;

// 16 bytes: its name is a string id of the trace (Trace::laneName() reads it), so that 10,000
// suspended tasks hold no name strings and a spawn copies none.
struct Lane {
    std::uint32_t nameId = 0;      // its name, as Python would show it: "Task-1 main()", "my_generator()"
    LaneKind kind = LaneKind::Task;
    std::uint32_t parent = NoLane; // the lane that created it
    std::uint32_t created = 0;     // seq of its Create event

    bool operator==(const Lane &) const = default;
};

} // namespace coroscope
