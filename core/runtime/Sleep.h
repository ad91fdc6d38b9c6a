#pragma once

#include "Number.h"
#include "Task.h"

#include <cmath>
#include <concepts>
#include <fmt/format.h>

namespace coroscope {

template<class R>
class SleepAwaiter;

// asyncio.sleep(delay, result=None): sleep(0) yields once; a positive delay arms a timer whose
// callback completes a future the task waits on (so the wake-up takes two loop iterations, as in
// CPython: the timer's callback, then the task's wakeup).
template<class R = None_t>
class [[nodiscard]] Sleep
{
public:
    Sleep(double seconds, R result, bool integral = false)
        : m_seconds(seconds)
        , m_integral(integral)
        , m_result(std::move(result))
    {
    }
    double seconds() const { return m_seconds; }
    // "sleep(2)", "sleep(2.0)", "sleep(0.1)": the argument's repr, as the call reads in Python (an
    // int stays an int, a float keeps its ".0").
    std::string name() const
    {
        return m_integral ? fmt::format("sleep({})", (long long)m_seconds) : "sleep(" + reprDouble(m_seconds) + ")";
    }
    SleepAwaiter<R> awaiter(std::source_location loc) && { return SleepAwaiter<R>(std::move(*this), loc); }
    R takeResult() { return std::move(m_result); }
    const R &result() const { return m_result; }

private:
    double m_seconds;
    bool m_integral;
    R m_result;
};

inline Sleep<None_t> sleep(double seconds)
{
    return Sleep<None_t>(seconds, None);
}
template<std::integral I>
Sleep<None_t> sleep(I seconds)
{
    return Sleep<None_t>(double(seconds), None, true);
}
// A Number keeps what Python passed: sleep(2) or sleep(2.0).
inline Sleep<None_t> sleep(Number seconds)
{
    return Sleep<None_t>(seconds.value(), None, seconds.isInt());
}
template<class R>
Sleep<R> sleep(double seconds, R result)
{
    return Sleep<R>(seconds, std::move(result));
}
template<std::integral I, class R>
Sleep<R> sleep(I seconds, R result)
{
    return Sleep<R>(double(seconds), std::move(result), true);
}
inline Sleep<std::string> sleep(double seconds, const char *result)
{
    return Sleep<std::string>(seconds, result);
}
template<std::integral I>
Sleep<std::string> sleep(I seconds, const char *result)
{
    return Sleep<std::string>(double(seconds), result, true);
}

// The awaiter, in the sleeping coroutine's frame, holds the sleep's timer (SleepWait): a suspended
// sleep allocates nothing. Outside a task (an error) it arms a future's timer first, as it did.
template<class R>
class SleepAwaiter final : public SleepWait
{
public:
    SleepAwaiter(Sleep<R> sleep, std::source_location loc)
        : m_sleep(std::move(sleep))
        , m_loc(loc)
    {
    }
    bool await_ready() const { return false; }
    void await_suspend(std::coroutine_handle<> h)
    {
        auto &rt = Runtime::current();
        auto *loop = rt.loop();
        if (!loop)
            throw RuntimeError("no running event loop");
        const auto loc = rt.location(m_loc);
        if (m_sleep.seconds() == 0 && !std::signbit(m_sleep.seconds())) {
            // asyncio's bare `yield`: no future, no timer, and a name the loop interned once.
            suspendYield(rt, loop, h, loc);
            return;
        }
        suspendTimed(rt, loop, h, loc);
    }
    [[gnu::always_inline]] R await_resume()
    {
        // The `finally: h.cancel()` of asyncio.sleep; a no-op once fired.
        if (armed()) [[unlikely]]
            disarm();
        throwPendingCancelIfAny();
        if (cancelled()) [[unlikely]]
            throw CancelledError(cancelMessage());
        return m_sleep.takeResult();
    }
    static std::string reprOf(const SleepWait &wait)
    {
        const auto &self = static_cast<const SleepAwaiter &>(wait);
        if (self.cancelled())
            return CancelledError(self.cancelMessage()).repr();
        return repr(self.m_sleep.result());
    }

private:
    [[gnu::always_inline]] inline void suspendYield(Runtime &rt, EventLoop *loop, std::coroutine_handle<> h, std::uint32_t loc);
    // Out of line: sleep(0), the switch of every benchmark, stays a few instructions.
    [[gnu::noinline]] void suspendTimed(Runtime &rt, EventLoop *loop, std::coroutine_handle<> h, std::uint32_t loc);
    Sleep<R> m_sleep;
    std::source_location m_loc;
};

// gather()/wait() take a sleep like any coroutine: it becomes a task running "sleep()". Traces
// record its co_await as Sleep.h:137 (tests/samples/golden/cancel-timeout.events checks it).
namespace detail {
template<class R>
Task<R> sleep(Sleep<R> s)
{
    co_return co_await std::move(s);
}
} // namespace detail

template<class R>
Future<R> ensure_future(Sleep<R> s)
{
    return create_task(detail::sleep(std::move(s)));
}

// The switch of every benchmark: what suspendTaskOn() does, inline. (Defined here, after
// detail::sleep, so that the line that traces record for its co_await stays where it was.)
template<class R>
inline void SleepAwaiter<R>::suspendYield(Runtime &rt, EventLoop *loop, std::coroutine_handle<> h, std::uint32_t loc)
{
    if (auto *task = rt.currentTask()) [[likely]] {
        rt.recorder().record(EventKind::Suspend, rt.currentLane(), NoEvent, loop->sleep0NameId(), loc);
        task->lastSuspendLoc = loc;
        task->suspendOn(static_cast<FutureBase *>(nullptr), h);
        return;
    }
    suspendTaskOn(nullptr, h, loop->sleep0NameId(), loc); // not in a task: throws
}

template<class R>
void SleepAwaiter<R>::suspendTimed(Runtime &rt, EventLoop *loop, std::coroutine_handle<> h, std::uint32_t loc)
{
    const auto name = m_sleep.name();
    if (m_sleep.seconds() < 0) {
        suspendTaskOn(nullptr, h, name, loc);
        return;
    }
    if (auto *task = rt.currentTask()) {
        m_repr = &reprOf;
        loop->armSleep(*this, task, m_sleep.seconds(), name, loc);
        suspendTaskOnSleep(this, h, nameId(), loc);
        return;
    }
    // No current task: arm the timer of a future, as asyncio.sleep does, then fail to suspend.
    auto future = makeFuture<R>(*loop, name);
    loop->callLater(
        m_sleep.seconds(),
        [f = future, r = m_sleep.takeResult()](std::uint32_t) mutable {
            if (!f.done()) // futures._set_result_unless_cancelled
                f.set_result(std::move(r));
        },
        name, loc);
    suspendTaskOn(&future.base(), h, name, loc); // throws
}

} // namespace coroscope
