#pragma once

#include "Queue.h"
#include "Task.h"

#include <optional>
#include <vector>

namespace coroscope {

namespace detail {
template<class T>
struct AsCompletedState {
    Queue<std::optional<Future<T>>> done;
    std::vector<Future<T>> todo;
    std::vector<std::uint64_t> tokens; // each todo future's _on_completion
    TimerHandle timeoutHandle;
    bool hasTimeout = false;
};

template<class T>
Task<Stored<T>> waitForOne(std::shared_ptr<AsCompletedState<T>> state)
{
    auto f = co_await unrecorded(state->done.get());
    if (!f)
        throw TimeoutError(); // the dummy value of _on_timeout()
    co_return f->result();    // may raise its exception
}
} // namespace detail

// asyncio.as_completed(fs, timeout=None): one coroutine per future, each awaiting the next to
// finish, as CPython writes it (a Queue the futures' done callbacks fill; a timeout fills it with
// None, which raises TimeoutError). Pass tasks: CPython makes a set of what it is given, so the
// order it would wrap coroutines into tasks follows memory addresses.
//
//     for (auto &next : as_completed(tasks)) { int r = co_await std::move(next); ... }
template<class T>
std::vector<Task<Stored<T>>> as_completed(std::vector<Future<T>> fs, std::optional<double> timeout = std::nullopt)
{
    auto state = std::make_shared<detail::AsCompletedState<T>>();
    state->done.setGetLabel("as_completed()");
    for (auto &f : fs) // set(fs): each future once
        if (std::find(state->todo.begin(), state->todo.end(), f) == state->todo.end())
            state->todo.push_back(f);
    std::weak_ptr<detail::AsCompletedState<T>> weak = state;
    for (auto &f : state->todo) {
        state->tokens.push_back(f.base().addDoneCallback(
            [weak](FutureBase &done, std::uint32_t) {
                auto s = weak.lock();
                if (!s || s->todo.empty())
                    return; // _on_timeout() was here first
                for (std::size_t i = 0; i < s->todo.size(); ++i) {
                    if (&s->todo[i].base() == &done) {
                        s->done.put_nowait(s->todo[i]);
                        s->todo.erase(s->todo.begin() + std::ptrdiff_t(i));
                        s->tokens.erase(s->tokens.begin() + std::ptrdiff_t(i));
                        break;
                    }
                }
                if (s->todo.empty() && s->hasTimeout)
                    s->timeoutHandle.cancel();
            },
            "_on_completion", true));
    }
    if (!state->todo.empty() && timeout) {
        state->hasTimeout = true;
        state->timeoutHandle = Runtime::current().loop()->callLater(
            *timeout,
            [weak](std::uint32_t) {
                auto s = weak.lock();
                if (!s)
                    return;
                for (std::size_t i = 0; i < s->todo.size(); ++i) {
                    s->todo[i].base().removeDoneCallback(s->tokens[i]);
                    s->done.put_nowait(std::nullopt);
                }
                s->todo.clear();
                s->tokens.clear();
            },
            "_on_timeout()");
    }
    std::vector<Task<Stored<T>>> out;
    for (std::size_t i = 0; i < state->todo.size(); ++i)
        out.push_back(detail::unrecorded(detail::waitForOne<T>(state)));
    return out;
}

} // namespace coroscope
