#pragma once

#include <cstdint>
#include <string_view>

namespace coroscope {

// What happened. The numeric values are part of the native trace format: append, never reorder.
enum class EventKind : std::uint8_t {
    Create,      // a lane came to life (task created, generator called, worker started)
    Start,       // first step of a lane's code
    Suspend,     // the lane stops at a co_await / co_yield / blocking call; detail = what it waits for
    Resume,      // the lane continues; cause = what woke it, detail = the value passed in
    Output,      // a printed line; detail = its text
    Enter,       // an inline `co_await coroutine()` (no new lane); detail = "fn()"
    Leave,       // that inline coroutine returned; detail = repr of its value
    Done,        // the lane's code returned; detail = repr of the result
    Error,       // the lane ended with an exception; detail = "Type: message"
    Cancel,      // the lane ended cancelled
    Schedule,    // loop: a callback entered the ready queue; lane = whose callback, detail = its name
    Callback,    // loop: a plain callback ran; cause = its Schedule / TimerFire event
    TimerArm,    // loop: a timer was armed; detail = what fires, due time: Trace::dueTime()
    TimerFire,   // loop: a due timer moved to the ready queue; cause = its TimerArm
    TimerCancel, // loop: an armed timer was cancelled; cause = its TimerArm
    Clock,       // loop: the clock jumped forward to `time`
    Fault,       // the run was stopped: deadlock, event budget, uncaught exception
    Submit,      // work handed to an executor's worker thread; the worker's Enter names it as cause
    Sync,        // a synchronisation primitive acted (Lock, Event, Semaphore, ...); detail = "Lock-1 acquire"
    Count_
};
constexpr int EventKindCount = int(EventKind::Count_);

std::string_view eventKindName(EventKind kind);
bool eventKindFromName(std::string_view name, EventKind &out);

inline constexpr std::uint32_t NoEvent = 0xffffffffu;

// One recorded event: 20 bytes, flat, strings interned. Its sequence number is its index in the trace.
// Its time is `timeLo` ns past the base of its epoch (Trace::epochs): read it with Trace::time(seq)
// or, in a scan, an EventClock.
struct Event {
    std::uint32_t timeLo = 0;     // loop clock: ns past the base of the epoch holding this event
    std::uint32_t lane = 0;       // index into Trace::lanes
    std::uint32_t cause = NoEvent; // seq of the event that caused this one (wake-up arrows, queue links)
    std::uint32_t detail = 0;     // string id; 0 = empty
    std::uint32_t loc : 24 = 0;   // source location id; 0 = unknown
    std::uint32_t kind : 8 = 0;   // EventKind

    EventKind eventKind() const { return EventKind(kind); }
};
static_assert(sizeof(Event) == 20, "Event must stay 20 bytes");

} // namespace coroscope
