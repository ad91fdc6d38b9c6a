#pragma once

#include "Task.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace coroscope {

enum class ReturnWhen { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION };
inline constexpr ReturnWhen ALL_COMPLETED = ReturnWhen::ALL_COMPLETED;
inline constexpr ReturnWhen FIRST_COMPLETED = ReturnWhen::FIRST_COMPLETED;
inline constexpr ReturnWhen FIRST_EXCEPTION = ReturnWhen::FIRST_EXCEPTION;

// `done, pending = await asyncio.wait(fs)`: both in the order the futures were given.
template<class T>
struct WaitResult {
    std::vector<Future<T>> done;
    std::vector<Future<T>> pending;

    // Python's (done, pending) tuple of sets; a set's items sorted, as traces show sets.
    std::string repr() const { return "(" + setRepr(done) + ", " + setRepr(pending) + ")"; }
    static std::string setRepr(const std::vector<Future<T>> &fs)
    {
        if (fs.empty())
            return "set()";
        std::vector<std::string> items;
        for (const auto &f : fs)
            items.push_back(f.repr());
        std::sort(items.begin(), items.end());
        std::string out = "{";
        for (std::size_t i = 0; i < items.size(); ++i)
            out += (i ? ", " : "") + items[i];
        return out + "}";
    }
};

// asyncio.wait: a coroutine (awaited inline, as in Python) around a waiter future that the
// futures' done callbacks complete according to `when`, or a timeout.
template<class T>
Task<WaitResult<T>> wait(std::vector<Future<T>> fs, ReturnWhen when = ALL_COMPLETED,
                         std::optional<double> timeout = std::nullopt)
{
    if (fs.empty())
        throw ValueError("Set of Tasks/Futures is empty.");
    // fs = set(fs): each future once (here in the order given; CPython's set follows addresses).
    for (std::size_t i = 0; i < fs.size(); ++i)
        for (std::size_t j = i + 1; j < fs.size();)
            if (fs[j] == fs[i])
                fs.erase(fs.begin() + std::ptrdiff_t(j));
            else
                ++j;
    auto &loop = *Runtime::current().loop();
    auto waiter = makeFuture<void>(loop, "wait(...)");
    TimerHandle timeoutHandle;
    if (timeout)
        timeoutHandle = loop.callLater(
            *timeout, [waiter](std::uint32_t) mutable {
                if (!waiter.done())
                    waiter.set_result(None);
            },
            "wait: timeout");
    auto counter = std::make_shared<std::size_t>(fs.size());
    std::vector<std::uint64_t> tokens;
    for (auto &f : fs) {
        tokens.push_back(f.base().addDoneCallback(
            [counter, when, waiter, timeoutHandle](FutureBase &done, std::uint32_t) mutable {
                --*counter;
                const bool failed = !done.cancelled() && done.exception();
                if (*counter == 0 || when == FIRST_COMPLETED || (when == FIRST_EXCEPTION && failed)) {
                    timeoutHandle.cancel();
                    if (!waiter.done())
                        waiter.set_result(None);
                }
            },
            "wait: on completion"));
    }
    try {
        co_await waiter;
    } catch (...) {
        timeoutHandle.cancel();
        for (std::size_t i = 0; i < fs.size(); ++i)
            fs[i].base().removeDoneCallback(tokens[i]);
        throw;
    }
    timeoutHandle.cancel();
    for (std::size_t i = 0; i < fs.size(); ++i)
        fs[i].base().removeDoneCallback(tokens[i]);
    WaitResult<T> result;
    for (auto &f : fs)
        (f.done() ? result.done : result.pending).push_back(f);
    co_return result;
}

} // namespace coroscope
