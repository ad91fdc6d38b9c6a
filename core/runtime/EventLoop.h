#pragma once

#include <cmath>

#include "Repr.h"
#include "RingQueue.h"
#include "Runtime.h"
#include "trace/Trace.h"

#include <cstdint>
#include <atomic>
#include <map>
#include <mutex>
#include <functional>
#include <memory>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace coroscope {

class Runtime;
class EventLoop;
class IoPoller;
class ThreadPoolExecutor;
class FutureBase;
class TaskBase;

// A callable with the name Python shows for it, which a C++ lambda has not:
//     auto on_done = def("on_done", [](std::string result) { ... });
// The ready queue and the timers then read "on_done('<a.txt content>')", as asyncio's handles do.
template<class F>
struct Named {
    std::string name;
    F fn;
    template<class... A>
    decltype(auto) operator()(A &&...args)
    {
        return fn(std::forward<A>(args)...);
    }
};
template<class F>
Named<F> def(std::string name, F fn)
{
    return {std::move(name), std::move(fn)};
}

// A plain callback gets the seq of the Callback event that records its run: whatever it schedules
// names that event as its cause.
using LoopCallback = std::function<void(std::uint32_t callbackEvent)>;

struct TimerState {
    LoopCallback fn;
    std::uint32_t armEvent = NoEvent;
    std::uint32_t name = 0; // string id
    bool cancelled = false;
    bool fired = false;   // it left the heap: its callback waits in the ready queue, or has run
    bool ran = false;
    std::uint32_t fireEvent = NoEvent; // the TimerFire that queued the callback (its ready entry)
    // The loop's reference while its heap entry lasts (the entry itself holds a plain pointer).
    std::shared_ptr<TimerState> heapRef;
};

// Where other threads hand work back to a loop (call_soon_threadsafe, executor results). Shared
// with those threads, so that one finishing after the loop has closed finds it closed and drops its
// callback, as CPython's wrap_future does (`if dest_loop.is_closed(): return`), instead of touching
// a destroyed loop.
class ThreadsafeInbox
{
public:
    // Queues `fn` for the loop's next iteration and wakes it; with `releaseExternal`, also ends one
    // EventLoop::holdExternal(), in the same step (the loop never sees neither). False, and nothing
    // queued, once the loop has closed.
    bool post(LoopCallback fn, std::string name, std::uint32_t cause, bool releaseExternal = false);

private:
    friend class EventLoop;
    struct Item {
        LoopCallback fn;
        std::string name;
        std::uint32_t cause;
    };
    std::mutex m_mutex;
    std::vector<Item> m_items;
    int m_external = 0;           // work outside the loop that will come back through post()
    IoPoller *m_poller = nullptr; // null once the loop has closed
    bool m_closed = false;
};

// The timer of asyncio.sleep(d > 0), embedded in the sleeping coroutine's frame (in SleepAwaiter):
// it wakes its task directly, with no future, no callback object and no shared timer state, and
// records what the future-based sleep recorded: TimerArm, TimerFire, the Callback that completes
// the sleep, the task's wakeup Schedule, TimerCancel when a cancelled sleep disarms it.
class SleepWait
{
public:
    SleepWait() = default;
    SleepWait(const SleepWait &) = delete;
    SleepWait &operator=(const SleepWait &) = delete;

    // What the task's Resume records: the result's repr, or the CancelledError's.
    std::string resultRepr() const { return m_repr(*this); }
    bool armed() const { return m_armed; }
    bool done() const { return m_state != State::Pending; }
    bool cancelled() const { return m_state == State::Cancelled; }
    std::string cancelMessage() const { return m_cancelMessage ? *m_cancelMessage : std::string(); }
    std::uint32_t nameId() const { return m_name; }
    // Task.cancel() while it sleeps (Future.cancel of the sleep's future): false once done.
    bool cancel(std::string message);
    // The `finally: h.cancel()` of asyncio.sleep: disarms the timer, recorded as TimerCancel.
    void disarm();

protected:
    // Inline and nearly empty: every sleep(0) builds and destroys one too.
    [[gnu::always_inline]] ~SleepWait()
    {
        if (m_armed) [[unlikely]]
            forget();
    }

private:
    friend class EventLoop;
    void forget(); // a frame unwound while its sleep was armed: disarmed silently
    enum class State : std::uint8_t { Pending, Finished, Cancelled };
    // The timer's callback: futures._set_result_unless_cancelled, then the task's wakeup.
    void fire();

protected:
    // Set by the awaiter when it arms the timer. No vtable: a sleep(0) builds one of these per
    // switch, and leaves everything but the three members at the end unset.
    std::string (*m_repr)(const SleepWait &);

private:
    // Set by armSleep, read only while armed or after. (The loop is the task's.)
    TaskBase *m_task;
    std::uint64_t m_order; // its timer's arming order: the heap entry's key
    std::uint32_t m_armEvent;
    std::uint32_t m_name;
    // What a sleep(0) touches, last, next to the awaiter's own members: one cache line of the
    // frame, not two.
    std::unique_ptr<std::string> m_cancelMessage; // Task.cancel(msg)'s, once cancelled
    bool m_armed = false;
    State m_state = State::Pending;
};

// loop.call_later's handle: cancel() disarms the timer (recorded as TimerCancel).
class TimerHandle
{
public:
    TimerHandle() = default;
    explicit TimerHandle(std::shared_ptr<TimerState> state, EventLoop *loop)
        : m_state(std::move(state))
        , m_loop(loop)
    {
    }
    void cancel();
    bool cancelled() const { return m_state && m_state->cancelled; }

private:
    std::shared_ptr<TimerState> m_state;
    EventLoop *m_loop = nullptr;
};

// asyncio's event loop, rule for rule: one FIFO ready queue; each iteration first moves due timers to
// it, then runs exactly the callbacks that were ready when the iteration began. Timers wait in a
// heap ordered by due time (to the nanosecond) and then by arming order, as they come due on
// CPython's real clock, where time moves on between two arming calls. On the virtual clock, time
// jumps to the next timer when nothing is ready.
class EventLoop
{
public:
    explicit EventLoop(Runtime &runtime);
    ~EventLoop();
    EventLoop(const EventLoop &) = delete;
    EventLoop &operator=(const EventLoop &) = delete;

    Runtime &runtime() const { return m_runtime; }
    std::uint32_t lane() const { return m_lane; }
    ClockMode clockMode() const { return m_clock; }

    // loop.time(), in seconds, and the same in nanoseconds.
    double time() const { return double(now()) / 1e9; }
    std::int64_t now() const;

    // call_soon: `lane` is whose work it is (the loop's for plain callbacks), `name` what the loop
    // state shows for it. `cause` defaults to the slice running now.
    void callSoon(LoopCallback fn, std::string_view name, std::uint32_t cause = NoEvent);
    // call_soon whose Handle may be cancelled before it runs: the loop then drops it without a
    // Callback event, as asyncio's skips a cancelled handle. Returns the handle for cancelReady().
    std::uint32_t callSoonCancellable(LoopCallback fn, std::string_view name);
    void cancelReady(std::uint32_t handle);
    void scheduleStep(TaskBase *task, std::string_view name, std::uint32_t cause = NoEvent);
    // The same with the name already interned.
    void scheduleStep(TaskBase *task, std::uint32_t nameId, std::uint32_t cause = NoEvent);
    // The same for the task's own step (its lane given): the hot path of every switch, inline.
    void scheduleStep(TaskBase *task, std::uint32_t lane, std::uint32_t nameId, std::uint32_t cause)
    {
        auto &rec = m_runtime.recorder();
        const auto ev = rec.record(EventKind::Schedule, lane, cause == NoEvent ? m_runtime.currentSlice() : cause, nameId);
        m_ready.push_back(ReadyItem{task, ev, nameId});
    }
    // String ids of the names every switch records, interned on first use (so a trace never holds
    // an unused one) and then cached: no hashing of "step" or "None" per switch.
    std::uint32_t stepNameId() { return m_stepName ? m_stepName : (m_stepName = internName("step")); }
    std::uint32_t wakeupNameId()
    {
        return m_wakeupName ? m_wakeupName : (m_wakeupName = internName("wakeup"));
    }
    std::uint32_t noneNameId() { return m_noneName ? m_noneName : (m_noneName = internName("None")); }
    std::uint32_t sleep0NameId()
    {
        return m_sleep0Name ? m_sleep0Name : (m_sleep0Name = internName("sleep(0)"));
    }
    TimerHandle callLater(double delaySeconds, LoopCallback fn, std::string_view name, std::uint32_t loc = 0);
    TimerHandle callAtNs(std::int64_t when, LoopCallback fn, std::string_view name, std::uint32_t loc = 0);
    // loop.call_at(when), `when` in loop.time()'s seconds: the heap orders timers by this instant to
    // the nanosecond (0.1 + 0.2 ties with 0.3), then by arming order.
    TimerHandle callAt(double when, LoopCallback fn, std::string_view name, std::uint32_t loc = 0);

    // The Python-facing spellings: loop.call_soon(callback, *args), loop.call_later(delay, callback,
    // *args), loop.create_future(). The trace names such a callback "callback(<args>)".
    template<class Fn, class... A>
    void call_soon(Fn fn, A... args)
    {
        auto name = callbackName(fn, args...);
        callSoon([fn = std::move(fn), ... args = std::move(args)](std::uint32_t) mutable { fn(args...); }, name);
    }
    template<class Fn, class... A>
    TimerHandle call_later(double delay, Fn fn, A... args)
    {
        auto name = callbackName(fn, args...);
        return callLater(delay, [fn = std::move(fn), ... args = std::move(args)](std::uint32_t) mutable { fn(args...); },
                         name);
    }
    template<class T = void>
    auto create_future(std::string description = "Future"); // defined in Future.h
    // loop.run_in_executor(pool, fn, *args): an asyncio future completed, through
    // call_soon_threadsafe, when the worker has run fn (defined in Executor.h).
    template<class Fn, class... A>
    auto run_in_executor(ThreadPoolExecutor &pool, Fn fn, A... args);

    // Runs until `future` is done (asyncio's run_until_complete). Throws RunAborted on a deadlock
    // (nothing ready, no timer, the future still pending) or when the event budget is spent.
    void runUntilComplete(FutureBase &future);
    // One iteration; false when there was nothing at all to do.
    bool runOnce();

    // Pending tasks of this loop, in creation order (asyncio.all_tasks()).
    void registerTask(TaskBase *task);
    void unregisterTask(TaskBase *task);
    std::vector<TaskBase *> pendingTasks() const;

    void cancelTimer(TimerState &timer);

    // asyncio.sleep(delay > 0) of the running task: arms `sleep`'s timer (TimerArm, detail `name`).
    void armSleep(SleepWait &sleep, TaskBase *task, double delaySeconds, std::string_view name, std::uint32_t loc);
    // Disarms it if still armed: recorded as TimerCancel, or silently (a frame unwound by the loop).
    void disarmSleep(SleepWait &sleep, bool record);

    // Real time. Another thread hands work back to the loop (loop.call_soon_threadsafe): it joins the
    // ready queue at the loop's next iteration, recorded then with `cause` (the other thread's event).
    void callSoonThreadsafe(LoopCallback fn, std::string name, std::uint32_t cause);
    // Work running outside the loop that will come back through the inbox (executor jobs): while
    // any is outstanding an idle loop waits for it instead of reporting a deadlock. The other thread
    // ends it with threadsafeInbox()->post(..., /*releaseExternal*/ true).
    void holdExternal();
    // What another thread holds to hand work back: the inbox, never the loop, which may close first.
    std::shared_ptr<ThreadsafeInbox> threadsafeInbox() const { return m_inbox; }
    // I/O readiness (loop.add_reader / add_writer): while registered, the callback is scheduled in
    // every iteration in which the descriptor is ready.
    void addReader(int fd, LoopCallback fn, std::string_view name);
    void removeReader(int fd);
    void addWriter(int fd, LoopCallback fn, std::string_view name);
    void removeWriter(int fd);

    // The executor of run_in_executor(None, ...) and asyncio.to_thread(): made on first use, with
    // min(32, cpus + 4) workers named "asyncio_0", ...; asyncio.run shuts it down at its end.
    ThreadPoolExecutor &defaultExecutor();
    void shutdownDefaultExecutor();

    // A blocking call (time.sleep) inside a callback or task: the clock moves on while the loop is
    // held, so nothing else runs; recorded as a Clock event on the blocking lane.
    void block(double seconds, std::string_view what, std::uint32_t loc);

private:
    template<class Fn, class... A>
    static std::string callbackName(const Fn &fn, const A &...args);

    // 16 bytes, trivially copied: the plain callbacks wait in their own queue, in the same order
    // (a task switch moved and destroyed an empty std::function twice).
    struct ReadyItem {
        TaskBase *task = nullptr; // step this task (alive: a pending task holds itself)
        std::uint32_t event = NoEvent; // the Schedule / TimerFire event that queued it
        std::uint32_t name = 0;   // null task: run the next of m_readyCallbacks
    };
    // An entry of asyncio's `_scheduled` heap, ordered by its due time to the nanosecond, then by
    // arming order. On CPython's real clock time moves on between two arming calls, so of two timers
    // with the same nominal due time the one armed later is due later; a virtual clock that stands
    // still would tie them and let heapq's sifting decide, an order python3 never takes.
    // 24 bytes, trivially copied (heapq's sifting moves them; 10,000 sleeping tasks hold 10,000).
    struct Timer {
        double due; // loop.time() + delay, in seconds
        std::uint64_t order;
        // A sleep's SleepWait with bit 0 set (valid unless its order is in m_deadSleeps), or
        // call_later's TimerState (alive through its heapRef until the entry leaves the heap).
        std::uintptr_t target;
        SleepWait *sleep() const { return target & 1 ? reinterpret_cast<SleepWait *>(target & ~std::uintptr_t(1)) : nullptr; }
        TimerState *state() const { return target & 1 ? nullptr : reinterpret_cast<TimerState *>(target); }
        // The due time to the nearest nanosecond: the instant the clock jumps to. (Computed, not
        // stored: only the heap's head is asked, and 8 bytes less per timer.)
        std::int64_t when() const { return toNs(due); }
        bool operator<(const Timer &o) const
        {
            const auto a = when(), b = o.when();
            return a != b ? a < b : order < o.order;
        }
    };
    static_assert(sizeof(Timer) == 24);
    // An entry left the heap without firing: forget a sleep's order, drop the loop's reference.
    void discardTimer(const Timer &t);

    static std::int64_t toNs(double seconds) { return std::llround(seconds * 1e9); }
    void pushTimer(Timer timer);
    void dropTimer(); // heappop of the head, which is cancelled
    // base_events._run_once's first step: cancelled timers leave the heap, from its head, or all at
    // once when they are more than half of over 100.
    void dropCancelledTimers();
    std::uint32_t internName(std::string_view text);
    void pushCallback(LoopCallback fn, std::uint32_t event, std::uint32_t name);
    void runItem(ReadyItem &item);
    // Waits (real time) for I/O, a thread-safe callback or `timeoutNs`, then queues what came in.
    void pollIo(std::int64_t timeoutNs);
    void drainThreadsafe();
    bool hasOutsideWork();
    void advanceClock(std::int64_t to);
    std::string deadlockMessage(const FutureBase &waitedFor) const;

    Runtime &m_runtime;
    EventLoop *m_previousLoop = nullptr;
    ClockMode m_clock;
    std::int64_t m_virtualNow = 0;
    std::int64_t m_realStart = 0;
    std::uint32_t m_lane = 0;
    std::uint32_t m_stepName = 0; // 0: not interned yet (id 0 is the empty string)
    std::uint32_t m_wakeupName = 0;
    std::uint32_t m_noneName = 0;
    std::uint32_t m_sleep0Name = 0;
    RingQueue<ReadyItem> m_ready;
    RingQueue<LoopCallback> m_readyCallbacks; // one per m_ready item without a task, in order
    std::vector<Timer> m_timers; // a heap (HeapQ.h)
    std::uint64_t m_timerOrder = 0;
    std::size_t m_liveTimers = 0;
    std::size_t m_timerCancelledCount = 0; // asyncio's _timer_cancelled_count
    // Arming orders of sleep timers disarmed before they fired: their heap entries are dropped
    // unread when they come up (the frame holding the SleepWait may be gone by then).
    std::unordered_set<std::uint64_t> m_deadSleeps;
    // Schedule events of cancelled callSoonCancellable() handles still in the ready queue.
    std::unordered_set<std::uint32_t> m_cancelledReady;
    bool timerDead(const Timer &t) const
    {
        return t.sleep() ? !m_deadSleeps.empty() && m_deadSleeps.count(t.order) : t.state()->cancelled;
    }
    struct Watch {
        LoopCallback reader, writer;
        std::uint32_t readerName = 0, writerName = 0;
    };
    std::unique_ptr<IoPoller> m_poller; // real time only
    std::map<int, Watch> m_watches;
    std::shared_ptr<ThreadsafeInbox> m_inbox = std::make_shared<ThreadsafeInbox>();
    std::unique_ptr<ThreadPoolExecutor> m_defaultExecutor;
    std::vector<TaskBase *> m_tasks; // pending tasks, creation order; null where one finished
    std::size_t m_taskHoles = 0;
    bool m_stopping = false;
};

template<class Fn, class... A>
std::string EventLoop::callbackName(const Fn &fn, const A &...args)
{
    std::string name;
    if constexpr (requires { fn.name; fn.fn; })
        name = fn.name + "(";
    else
        name = "callback(";
    std::size_t i = 0;
    ((name += (i++ ? ", " : "") + repr(args)), ...);
    return name + ")";
}

} // namespace coroscope
