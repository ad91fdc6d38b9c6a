#pragma once

#include "Future.h"
#include "TaskFrame.h"

#include <coroutine>
#include <exception>
#include <optional>
#include <source_location>
#include <string>
#include <utility>

namespace coroscope {

// ---------------------------------------------------------------------------------------------
// TaskBase: asyncio.Task's machinery (__step / __wakeup / cancel), independent of the result type.
// A pending task keeps itself alive; the loop's registry lists it for asyncio.run's final cancel.
class TaskBase : public FutureBase
{
public:
    // `number` is its N in "Task-N"; `function` the coroutine's function_name() (static storage).
    TaskBase(EventLoop &loop, std::uint32_t number, std::string customName, const char *function);
    ~TaskBase() override;

    // Task.get_name(): "Task-2", or the name given. Built when asked: a task stores its number and,
    // only when create_task(name=...) gave one, its name (in Rare: a spawn formats and copies no
    // strings).
    std::string name() const;
    std::uint32_t lane() const { return m_lane; }
    bool cancel(std::string message = {}) override;
    // Task.cancelling() / uncancel(): the count of cancellation requests (3.11), which TaskGroup and
    // timeout() use to tell their own cancellation from one coming from outside.
    int cancelling() const { return m_cancelRequests; }
    int uncancel() { return m_cancelRequests > 0 ? --m_cancelRequests : 0; }
    // Its coroutine raised CancelledError: 3.11's __step then calls Future.cancel() without a
    // message, so Future._cancel_message is None, which gather(return_exceptions=True) reads
    // (CancelledError('')), while `await task` re-raises the original CancelledError('msg').
    bool endedByCancelledError() const { return m_endedByCancelledError; }
    // The coroutine's name without its parentheses: task.get_coro().__name__.
    std::string coroName() const;
    bool hasCustomName() const { return rareIfAny() && !rareIfAny()->name.empty(); }
    // With them, as the task's repr shows it: "task1()".
    const std::string &coroutine() const { return coroutineNameOf(m_function); }

    // __step: runs the coroutine until its next suspension. `cause` is the queue entry that ran it.
    void step(std::uint32_t cause);

    // Called by awaiters from inside the coroutine, just before it suspends.
    void suspendOn(FutureBase *future, std::coroutine_handle<> leaf)
    {
        m_wait = reinterpret_cast<std::uintptr_t>(future);
        m_leaf = leaf;
    }
    // The same for asyncio.sleep(d > 0): its timer wakes the task directly.
    void suspendOn(SleepWait *sleep, std::coroutine_handle<> leaf)
    {
        m_wait = reinterpret_cast<std::uintptr_t>(sleep) | 1;
        m_leaf = leaf;
    }
    // True once: the cancellation to throw into the coroutine at its suspension point.
    bool takePendingCancel() { return std::exchange(m_throwCancel, false); }
    bool cancelPending() const { return m_throwCancel; }

    // The loop is going away with this task still pending: unwind its frame, drop its self-reference.
    void abandon();

    const FutureBase *waitingOn() const { return waitingFuture(); }
    // For deadlock reports: "sleep(1)", "Task-2 task1()", or "nothing".
    std::string waitDescription() const;
    // "Task-2 task1()", built on first use.
    const std::string &description() const override;

protected:
    void start(std::coroutine_handle<> top, std::shared_ptr<FutureBase> self);
    // Moves the finished coroutine's result (or exception) into the future.
    virtual void harvest(std::coroutine_handle<> top) = 0;

private:
    // step()'s uncommon halves: the event that (re)starts the coroutine, what follows its suspension.
    [[gnu::noinline]] std::uint32_t resumeEvent(Recorder &rec, EventLoop &loop, std::uint32_t cause);
    [[gnu::noinline]] void afterStep();
    void complete();
    FutureBase *waitingFuture() const { return m_wait & 1 ? nullptr : reinterpret_cast<FutureBase *>(m_wait); }
    SleepWait *waitingSleep() const
    {
        return m_wait & 1 ? reinterpret_cast<SleepWait *>(m_wait & ~std::uintptr_t(1)) : nullptr;
    }

    // Cold: creation, cancellation, reports.
    std::uint32_t m_number;
    int m_cancelRequests = 0;
    const char *m_function;
    std::shared_ptr<FutureBase> m_self;

public:
    std::uint32_t registryIndex = 0; // position in the loop's task list
    std::uint32_t lastSuspendLoc = 0; // for deadlock reports

private:
    // What every switch reads and writes, together and last: a task lives right before its
    // coroutine's frame (TaskFrame.h), which the switch touches next. With 10,000 tasks the
    // task states do not fit in the cache, and each line a switch touches is a miss (a step reads
    // nothing of FutureBase: the loop and runtime come from the thread's current ones).
    std::coroutine_handle<> m_top;
    std::coroutine_handle<> m_leaf;
    // What it waits on: a future, the timer of its asyncio.sleep(d > 0) (bit 0 set), or nothing.
    std::uintptr_t m_wait = 0;
    std::uint32_t m_lane = NoLane;
    bool m_started = false;
    bool m_mustCancel = false;
    bool m_throwCancel = false;
    bool m_endedByCancelledError = false;
};

// throwPendingCancel() where a switch calls it: the test inline, the throw out of line.
[[gnu::always_inline]] inline void throwPendingCancelIfAny()
{
    if (const auto *task = Runtime::runningTask(); task && task->cancelPending()) [[unlikely]]
        throwPendingCancel();
}

template<class T>
class Task;
template<class T>
class TaskState;

namespace detail {

// Every `async def` frame is allocated with room for the task that may run it (TaskFrame.h).
template<class T>
struct TaskFrameAllocation {
    static constexpr std::size_t prefix() { return prefixFor(sizeof(TaskState<T>)); }
    static void *operator new(std::size_t size) { return FrameBlock<prefix()>::allocate(size); }
    static void operator delete(void *frame) { FrameBlock<prefix()>::releaseFrame(frame); }
};

struct TaskPromiseBase {
    explicit TaskPromiseBase(const std::source_location &where)
        : function(where.function_name())
    {
    }

    struct InitialAwaiter {
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        // Task.cancel() before the first step throws at the very start, as coro.throw() does.
        void await_resume() const;
    };
    struct FinalAwaiter {
        bool await_ready() const noexcept { return false; }
        template<class P>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) const noexcept
        {
            // Symmetric transfer back to whoever awaited this coroutine inline.
            if (auto c = h.promise().continuation)
                return c;
            return std::noop_coroutine();
        }
        void await_resume() const noexcept {}
    };

    InitialAwaiter initial_suspend() noexcept { return {}; }
    FinalAwaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() { exception = std::current_exception(); }

    // Every co_await goes through here: the awaitable builds its awaiter with the source location of
    // the co_await, which the trace records for the suspension.
    template<class A>
    auto await_transform(A &&awaitable, std::source_location loc = std::source_location::current())
    {
        return std::forward<A>(awaitable).awaiter(loc);
    }

    std::coroutine_handle<> continuation;
    const char *function;
    std::exception_ptr exception;
    // False for the runtime's own helper coroutines that Python does not have (async_with's frame,
    // the anext() adapter): awaiting one records no Enter / Leave, only what it does.
    bool recorded = true;
};

template<class T>
struct TaskPromise : TaskPromiseBase, TaskFrameAllocation<T> {
    // The default argument is evaluated in the coroutine itself: function_name() names it.
    TaskPromise(std::source_location where = std::source_location::current())
        : TaskPromiseBase(where)
    {
    }
    Task<T> get_return_object();
    template<class U>
    void return_value(U &&v)
    {
        value.emplace(std::forward<U>(v));
    }
    std::optional<T> value;
};

template<>
struct TaskPromise<void> : TaskPromiseBase, TaskFrameAllocation<void> {
    TaskPromise(std::source_location where = std::source_location::current())
        : TaskPromiseBase(where)
    {
    }
    Task<void> get_return_object();
    void return_void() { value.emplace(); }
    std::optional<None_t> value;
};

} // namespace detail

template<class T>
class InlineAwaiter;

// The coroutine type of `async def`: lazy (nothing runs until awaited or wrapped in a task),
// move-only, owns its frame. `co_await task()` runs it inline in the current task, like
// `await coro()`; create_task() gives it a lane of its own.
template<class T = void>
class [[nodiscard]] Task
{
public:
    using promise_type = detail::TaskPromise<T>;
    using Handle = std::coroutine_handle<promise_type>;
    using value_type = Stored<T>;

    Task() = default;
    explicit Task(Handle h)
        : m_handle(h)
    {
    }
    Task(Task &&o) noexcept
        : m_handle(std::exchange(o.m_handle, {}))
    {
    }
    Task &operator=(Task &&o) noexcept
    {
        if (this != &o) {
            if (m_handle)
                m_handle.destroy();
            m_handle = std::exchange(o.m_handle, {});
        }
        return *this;
    }
    ~Task()
    {
        if (m_handle)
            m_handle.destroy();
    }

    // "task1()": the coroutine function's name, as Python shows a coroutine.
    std::string name() const { return coroutineNameOf(m_handle.promise().function); }
    Handle handle() const { return m_handle; }
    Handle release() { return std::exchange(m_handle, {}); }
    // coro.close() on a coroutine object that never ran: it is dropped without running.
    void close()
    {
        if (m_handle)
            m_handle.destroy();
        m_handle = {};
    }

    InlineAwaiter<T> awaiter(std::source_location loc) && { return InlineAwaiter<T>(std::move(*this), loc); }

private:
    Handle m_handle;
};

namespace detail {
template<class T>
Task<T> TaskPromise<T>::get_return_object()
{
    return Task<T>(std::coroutine_handle<TaskPromise<T>>::from_promise(*this));
}
inline Task<void> TaskPromise<void>::get_return_object()
{
    return Task<void>(std::coroutine_handle<TaskPromise<void>>::from_promise(*this));
}
inline void TaskPromiseBase::InitialAwaiter::await_resume() const
{
    throwPendingCancelIfAny(); // (inline: every spawn's first step comes through here)
}
} // namespace detail

// `await coro()`: no new lane, no scheduling; recorded as Enter / Leave on the current lane.
template<class T>
class InlineAwaiter
{
public:
    InlineAwaiter(Task<T> child, std::source_location loc)
        : m_child(std::move(child))
        , m_loc(loc)
    {
    }
    bool await_ready() const { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> parent)
    {
        auto &rt = Runtime::current();
        auto &p = m_child.handle().promise();
        p.continuation = parent;
        if (p.recorded)
            rt.record(EventKind::Enter, NoEvent, m_child.name(), rt.location(m_loc));
        else
            rt.noteAwaitSite(rt.location(m_loc)); // a helper awaited from the program (as_completed's)
        return m_child.handle();
    }
    Stored<T> await_resume()
    {
        auto &rt = Runtime::current();
        auto &p = m_child.handle().promise();
        if (p.exception) {
            if (p.recorded)
                rt.record(EventKind::Leave, NoEvent, "raised " + describeException(p.exception));
            std::rethrow_exception(p.exception);
        }
        if (p.recorded)
            rt.record(EventKind::Leave, NoEvent, repr(*p.value));
        return std::move(*p.value);
    }

private:
    Task<T> m_child;
    std::source_location m_loc;
};

namespace detail {
// A helper coroutine of the runtime's own: awaited inline like any, but without Enter / Leave.
template<class T>
Task<T> unrecorded(Task<T> task)
{
    task.handle().promise().recorded = false;
    return task;
}

// `co_await at(where, coro())`: the Enter is recorded at `where` (the user's line that a helper
// such as async_with was called from) rather than at the helper's own co_await.
template<class T>
struct At {
    Task<T> task;
    std::source_location where;
    InlineAwaiter<T> awaiter(std::source_location) && { return InlineAwaiter<T>(std::move(task), where); }
};
template<class T>
At<T> at(const std::source_location &where, Task<T> task)
{
    return {std::move(task), where};
}
} // namespace detail

// The typed task: a TaskBase whose value lands in a ValueSlot<T>.
template<class T>
class TaskState final : public TaskBase, public ValueSlot<T>
{
public:
    static Future<T> spawn(EventLoop &loop, Task<T> coro, std::string name)
    {
        // A named task uses up a number too: Python 3.11's asyncio.create_task(coro, name=...)
        // creates the task as "Task-N" and renames it, so create_task(f(), name="f1") followed by
        // create_task(g()) gives "f1" and "Task-3", not "Task-2".
        const auto number = std::uint32_t(loop.runtime().nextTaskNumber());
        // Built in the room in front of its coroutine's frame: one allocation holds both.
        constexpr auto prefix = detail::TaskFrameAllocation<T>::prefix();
        auto *header = detail::FrameBlock<prefix>::headerOf(coro.handle().address());
        auto state = std::allocate_shared<TaskState<T>>(detail::InFrameAllocator<TaskState<T>, prefix>(header), loop,
                                                        number, std::move(name), coro.handle().promise().function);
        ValueSlot<T> *slot = state.get();
        state->start(coro.release(), state);
        return Future<T>(std::move(state), slot);
    }

    TaskState(EventLoop &loop, std::uint32_t number, std::string name, const char *function)
        : TaskBase(loop, number, std::move(name), function)
    {
    }

    std::string resultRepr() const override
    {
        if (cancelled())
            return CancelledError(cancelMessage()).repr();
        if (m_exception)
            return reprException(m_exception);
        return this->value ? repr(*this->value) : std::string("None");
    }
    std::uint32_t resultReprId() const override
    {
        if constexpr (std::is_same_v<Stored<T>, None_t>)
            if (const auto id = noneResultId())
                return id;
        return FutureBase::resultReprId();
    }

protected:
    void harvest(std::coroutine_handle<> top) override
    {
        auto &p = Task<T>::Handle::from_address(top.address()).promise();
        if (p.exception)
            m_exception = p.exception;
        else
            this->value = std::move(*p.value);
    }
};

template<class T>
std::string Future<T>::get_name() const
{
    if (auto *task = dynamic_cast<const TaskBase *>(m_base.get()))
        return task->name();
    return {};
}

template<class T>
std::string Future<T>::repr() const
{
    return futureRepr(*m_base);
}

template<class T>
int Future<T>::cancelling() const
{
    auto *task = dynamic_cast<const TaskBase *>(m_base.get());
    return task ? task->cancelling() : 0;
}

template<class T>
int Future<T>::uncancel()
{
    auto *task = dynamic_cast<TaskBase *>(m_base.get());
    return task ? task->uncancel() : 0;
}

template<class T>
CoroutineRef Future<T>::get_coro() const
{
    auto *task = dynamic_cast<const TaskBase *>(m_base.get());
    return CoroutineRef{task ? task->coroName() : std::string()};
}

// asyncio.create_task(coro, name=...): schedules the coroutine's first step on the running loop.
template<class T>
Future<T> create_task(Task<T> coro, std::string name = {})
{
    auto *loop = Runtime::current().loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    return TaskState<T>::spawn(*loop, std::move(coro), std::move(name));
}

// asyncio.ensure_future: a coroutine becomes a task, a future stays what it is.
template<class T>
Future<T> ensure_future(Task<T> coro)
{
    return create_task(std::move(coro));
}
template<class T>
Future<T> ensure_future(Future<T> future)
{
    return future;
}

// The bare `yield` inside asyncio.sleep(0): gives every other ready callback one turn.
class YieldAwaiter
{
public:
    explicit YieldAwaiter(std::source_location loc, std::string_view detail = "sleep(0)")
        : m_loc(loc)
        , m_detail(detail)
    {
    }
    bool await_ready() const { return false; }
    void await_suspend(std::coroutine_handle<> h)
    {
        suspendTaskOn(nullptr, h, m_detail, Runtime::current().location(m_loc));
    }
    void await_resume() const { throwPendingCancel(); }

private:
    std::source_location m_loc;
    std::string_view m_detail;
};

} // namespace coroscope
