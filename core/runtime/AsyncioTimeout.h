#pragma once

// asyncio.Timeout, timeout() and timeout_at() (3.11; the file is named so beside Timeout.h, which
// holds wait_for).
#include "Task.h"

#include <optional>

namespace coroscope {

// `async with asyncio.timeout(delay) as cm:`, step for step as CPython writes it (timeouts.py): on
// entering, a timer (loop.call_at) that cancels the task when it fires; on leaving, if it did, the
// CancelledError it caused becomes TimeoutError, unless someone else cancelled the task too
// (Task.uncancel() tells).
//
//     co_await async_with(timeout(1), [&](Timeout &cm) -> Task<> { ... cm.reschedule(...); });
class Timeout
{
public:
    explicit Timeout(std::optional<double> when);
    Timeout(Timeout &&) noexcept = default;
    Timeout(const Timeout &) = delete;
    Timeout &operator=(const Timeout &) = delete;

    std::optional<double> when() const { return m_when; }
    // Throws RuntimeError("Cannot change state of expiring Timeout") unless it is active.
    void reschedule(std::optional<double> when);
    bool expired() const { return m_state == State::Expiring || m_state == State::Expired; }

    Task<Timeout *> aenter();
    Task<> aexit(std::exception_ptr error);

    // <Timeout [active] when=1.5>
    std::string repr() const;

private:
    enum class State { Created, Entered, Expiring, Expired, Exited };
    void cancelHandler();
    void onTimeout();

    State m_state = State::Created;
    std::optional<double> m_when;
    TimerHandle m_timer;                 // call_at's
    std::uint32_t m_soon = NoEvent;      // call_soon's, when the deadline had already passed
    bool m_hasHandler = false;
    TaskBase *m_task = nullptr;
    std::shared_ptr<FutureBase> m_taskHold;
    int m_cancelling = 0; // the task's cancelling() at __aenter__
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true); // the loop's callbacks check it
};

// asyncio.timeout(delay): a deadline `delay` seconds from now (none for nullopt).
Timeout timeout(std::optional<double> delay);
// asyncio.timeout_at(when): a deadline on the loop's clock (loop.time()).
Timeout timeout_at(std::optional<double> when);

} // namespace coroscope
