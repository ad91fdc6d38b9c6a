#pragma once

#include "Gather.h"
#include "Task.h"

#include <fmt/format.h>

#include <optional>

namespace coroscope {

namespace detail {

inline void releaseWaiter(Future<void> &waiter)
{
    if (!waiter.done())
        waiter.set_result(None);
}

// asyncio.tasks._cancel_and_wait: cancel and wait until the future has really finished (named as
// Python names it, so that both runtimes' traces read the same).
template<class T>
Task<> _cancel_and_wait(Future<T> fut)
{
    auto waiter = makeFuture<void>(*Runtime::current().loop(), "cancelling " + fut.base().description());
    const auto token = fut.base().addDoneCallback(
        [waiter](FutureBase &, std::uint32_t) mutable { releaseWaiter(waiter); }, "wait_for: cancelled");
    fut.cancel();
    try {
        co_await waiter;
    } catch (...) {
        fut.base().removeDoneCallback(token); // finally: the wait itself was cancelled
        throw;
    }
    fut.base().removeDoneCallback(token);
}

// What wait_for(aw, ...) names its argument: "slow()" for a coroutine, a future's description.
template<class A>
std::string awaitableName(const A &aw)
{
    if constexpr (requires { aw.handle().promise().function; })
        return aw.name();
    else if constexpr (requires { aw.base().description(); }) {
        std::string_view what = aw.base().description();
        if (auto space = what.find(' '); space != std::string_view::npos && what.starts_with("Task-"))
            what.remove_prefix(space + 1);
        return std::string(what);
    } else
        return "Future";
}

} // namespace detail

// asyncio.wait_for(aw, timeout) step by step as Python 3.11's: without a timeout the awaitable is
// awaited inline; otherwise the timeout's timer is armed, then the awaitable becomes a task; when
// the timeout expires first, the task is cancelled, waited for, and TimeoutError raised;
// cancelling wait_for cancels it too.
template<class A>
auto wait_for(A aw, std::optional<double> timeout, std::source_location where = std::source_location::current())
    -> Task<typename detail::FutureOf<A>::value_type>
{
    auto &loop = *Runtime::current().loop();
    if (!timeout) {
        // A coroutine awaited inline: entered at the caller's line, where CPython's tracer shows it.
        if constexpr (requires { aw.handle().promise().function; })
            co_return co_await detail::at(where, std::move(aw));
        else
            co_return co_await std::move(aw);
    }

    if (*timeout <= 0) {
        // Python 3.11's `if timeout <= 0` branch: no timer, cancel at once, so a coroutine that has
        // not started yet never runs.
        auto fut = ensure_future(std::move(aw));
        if (fut.done())
            co_return fut.result();
        co_await detail::_cancel_and_wait(fut);
        if (!fut.cancelled())
            co_return fut.result();
        throw TimeoutError();
    }

    auto waiter = makeFuture<void>(loop, fmt::format("wait_for({}, timeout={})", detail::awaitableName(aw), *timeout));
    auto timeoutHandle = loop.callLater(
        *timeout, [waiter](std::uint32_t) mutable { detail::releaseWaiter(waiter); }, "wait_for: timeout");
    auto fut = ensure_future(std::move(aw));
    const auto token = fut.base().addDoneCallback(
        [waiter](FutureBase &, std::uint32_t) mutable { detail::releaseWaiter(waiter); }, "wait_for: done");

    // Python's `finally: timeout_handle.cancel()` runs on every way out, below.
    std::exception_ptr cancelled; // no co_await inside a handler: handle it below
    try {
        co_await waiter;
    } catch (const CancelledError &) {
        cancelled = std::current_exception();
    }
    if (fut.done()) {
        timeoutHandle.cancel();
        co_return fut.result();
    }
    fut.base().removeDoneCallback(token);
    try {
        co_await detail::_cancel_and_wait(fut);
    } catch (...) {
        timeoutHandle.cancel(); // cancelled again while waiting for the cancelled task
        throw;
    }
    timeoutHandle.cancel();
    if (cancelled)
        std::rethrow_exception(cancelled); // `raise`: the same CancelledError, its message kept
    if (!fut.cancelled())
        co_return fut.result(); // it finished anyway (or failed with its own exception)
    throw TimeoutError();
}

} // namespace coroscope
