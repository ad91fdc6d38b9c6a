#pragma once

#include "ConcurrentFuture.h"
#include "FunctionName.h"
#include "Future.h"
#include "Generator.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace coroscope {

// concurrent.futures.ThreadPoolExecutor: real OS threads, each with a lane of its own
// ("ThreadPoolExecutor-0_0"). A worker is started per submit while none is idle, up to
// max_workers, as CPython does. Handing work over (Submit on the caller's lane) and its end (the
// worker's Leave) are linked as causes, so both draw as arrows. Leaving scope is shutdown(wait).
class ThreadPoolExecutor
{
public:
    explicit ThreadPoolExecutor(int max_workers);
    // thread_name_prefix: the workers are "<prefix>_0", "<prefix>_1", ... (asyncio's default
    // executor, which to_thread uses, says "asyncio").
    ThreadPoolExecutor(int max_workers, std::string thread_name_prefix);
    ~ThreadPoolExecutor();
    ThreadPoolExecutor(const ThreadPoolExecutor &) = delete;
    ThreadPoolExecutor &operator=(const ThreadPoolExecutor &) = delete;

    // pool.submit(fn, *args)
    template<class Fn, class... A>
    auto submit(Fn fn, A... args)
    {
        using R = std::invoke_result_t<Fn &, A &...>;
        std::string name = callableName(fn) + "(";
        std::size_t i = 0;
        ((name += (i++ ? ", " : "") + repr(args)), ...);
        name += ")";
        auto state = std::make_shared<ConcurrentValue<R>>(name);
        enqueue(name, state, [state, fn = std::move(fn), ... args = std::move(args)]() mutable {
            if constexpr (std::is_void_v<R>) {
                fn(args...);
                state->value.emplace();
            } else {
                state->value.emplace(fn(args...));
            }
        });
        return ConcurrentFuture<R>(std::move(state));
    }

    // pool.map(fn, items, timeout=...): every item submitted at once; results in order from a
    // generator whose next() raises TimeoutError when the deadline passes first.
    template<class Fn, class T>
    auto map(Fn fn, std::vector<T> items, std::optional<double> timeout = std::nullopt)
    {
        using R = Stored<std::invoke_result_t<Fn &, T &>>;
        std::optional<std::chrono::steady_clock::time_point> end;
        if (timeout)
            end = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::nanoseconds>(
                                                          std::chrono::duration<double>(*timeout));
        std::vector<ConcurrentFuture<std::invoke_result_t<Fn &, T &>>> fs;
        for (auto &item : items)
            fs.push_back(submit(fn, item));
        return result_iterator<R>(std::move(fs), end);
    }

    // shutdown(wait=True): no more work; with `wait`, blocks until every worker has finished.
    void shutdown(bool wait = true, std::source_location where = std::source_location::current());
    // shutdown(wait=True) without recording the caller's wait (asyncio.run's shutdown_default_executor,
    // which the tracer does not show either).
    void shutdownQuietly();

private:
    struct WorkItem {
        std::function<void()> run;
        std::shared_ptr<ConcurrentState> future;
        std::uint32_t submitEvent;
        std::string name;
    };

    template<class R, class F>
    static Generator<R> result_iterator(std::vector<F> fs, std::optional<std::chrono::steady_clock::time_point> end)
    {
        std::size_t next = 0;
        // The `finally:` of CPython's result_iterator: what was not reached is cancelled.
        struct CancelRest {
            std::vector<F> &fs;
            std::size_t &next;
            ~CancelRest()
            {
                for (auto i = next; i < fs.size(); ++i)
                    fs[i].cancel();
            }
        } cancelRest{fs, next};
        while (next < fs.size()) {
            auto &f = fs[next++];
            std::optional<double> left;
            if (end)
                left = std::chrono::duration<double>(*end - std::chrono::steady_clock::now()).count();
            co_yield f.result(left);
        }
    }

    void enqueue(std::string name, std::shared_ptr<ConcurrentState> future, std::function<void()> run);
    void workerMain(std::uint32_t lane, std::uint32_t cause);

    Runtime &m_runtime;
    const int m_maxWorkers;
    const int m_number; // ThreadPoolExecutor-<number>_<thread>
    std::string m_prefix; // "ThreadPoolExecutor-<number>", or the one given
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<WorkItem> m_queue;
    std::vector<std::thread> m_threads;
    int m_idle = 0;
    bool m_shutdown = false;
};

// concurrent.futures.as_completed(fs): a generator yielding each future as it finishes.
template<class T>
Generator<ConcurrentFuture<T>> as_completed(std::vector<ConcurrentFuture<T>> fs)
{
    struct Finished {
        std::mutex mutex;
        std::condition_variable cv;
        std::deque<ConcurrentFuture<T>> queue;
    };
    auto finished = std::make_shared<Finished>();
    for (auto &f : fs)
        f.add_done_callback([finished](ConcurrentFuture<T> done) {
            std::lock_guard g(finished->mutex);
            finished->queue.push_back(done);
            finished->cv.notify_all();
        });
    for (std::size_t yielded = 0; yielded < fs.size(); ++yielded) {
        std::unique_lock lock(finished->mutex);
        if (finished->queue.empty()) {
            auto &rt = Runtime::current();
            rt.record(EventKind::Suspend, NoEvent, "wait for the next future");
            finished->cv.wait(lock, [&] { return !finished->queue.empty(); });
            rt.record(EventKind::Resume, finished->queue.front().state().doneEvent(),
                      finished->queue.front().state().description());
        }
        auto f = finished->queue.front();
        finished->queue.pop_front();
        lock.unlock();
        co_yield f;
    }
}

template<class Fn, class... A>
auto EventLoop::run_in_executor(ThreadPoolExecutor &pool, Fn fn, A... args)
{
    using R = std::invoke_result_t<Fn &, A &...>;
    auto work = pool.submit(std::move(fn), std::move(args)...);
    auto future = makeFuture<R>(*this, work.state().description());
    holdExternal();
    // The worker holds the loop's inbox, not the loop: a job that outlives the loop (never awaited,
    // the pool still open) finds it closed and its result is dropped, as in CPython.
    work.add_done_callback([inbox = threadsafeInbox(), future](ConcurrentFuture<R> done) mutable { // in the worker thread
        inbox->post(
            [future, done](std::uint32_t) mutable {
                if (future.done())
                    return;
                if (done.cancelled())
                    future.cancel();
                else if (auto e = done.state().exception())
                    future.set_exception(e);
                else
                    future.set_result(*done.state().value);
            },
            "result of " + done.state().description(), done.state().doneEvent(),
            true); // ends holdExternal() in the same step: the loop never sees neither
    });
    return future;
}

// repr of a concurrent future, as Python shows one (state only).
template<class T>
std::string repr(const ConcurrentFuture<T> &f)
{
    return "<Future " + std::string(f.done() ? "finished" : "pending") + ">";
}

} // namespace coroscope
