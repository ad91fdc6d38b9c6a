#pragma once

#include "EventLoop.h"
#include "Exceptions.h"
#include "None.h"
#include "Repr.h"
#include "Runtime.h"

#include <coroutine>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <vector>

namespace coroscope {

// The type-erased part of an asyncio Future: state, exception, done callbacks. Callbacks never run
// inline: completing a future schedules each with call_soon, in registration order.
class FutureBase : public std::enable_shared_from_this<FutureBase>
{
public:
    enum class State : std::uint8_t { Pending, Finished, Cancelled };
    using DoneCallback = std::function<void(FutureBase &, std::uint32_t callbackEvent)>;

    explicit FutureBase(EventLoop &loop);
    virtual ~FutureBase();
    FutureBase(const FutureBase &) = delete;
    FutureBase &operator=(const FutureBase &) = delete;

    EventLoop &loop() const { return m_loop; }
    bool done() const { return m_state != State::Pending; }
    bool cancelled() const { return m_state == State::Cancelled; }
    // Future._cancel_message: what the CancelledError of cancel(msg) carries ("" for none).
    const std::string &cancelMessage() const
    {
        static const std::string none;
        return m_rare && m_rare->cancelMessage ? *m_rare->cancelMessage : none;
    }
    State state() const { return m_state; }
    // Finished with an exception (without marking it retrieved, as exception() does).
    bool failed() const { return m_exception != nullptr; }
    // Cancelled, or finished with a CancelledError (a gather whose child was cancelled): awaiting it
    // raises CancelledError.
    bool raisesCancelledError() const;
    // What `await` on it shows in the trace: "sleep(2)", "Task-2 task1()", "gather(...)". Kept by
    // each kind of future: a task builds its own on first use (its lane's Create event holds it).
    virtual const std::string &description() const = 0;
    // The description's string id, interned once: every `await` on it records it (0 while nothing
    // is recorded).
    std::uint32_t descriptionId();

    // Future._make_cancelled_error(): CancelledError(the cancel message). A task whose coroutine
    // raised CancelledError gives that error's message once (3.11's _cancelled_exc), then none
    // (its Future.cancel() carried no message).
    CancelledError makeCancelledError() const;
    // Future.exception(): CancelledError if cancelled, InvalidStateError while pending.
    std::exception_ptr exception() const;
    // Throws the stored exception (or CancelledError); returns normally when finished with a value.
    void checkResult() const;
    virtual std::string resultRepr() const = 0;
    // Its string id, for the trace (0 while nothing is recorded): None's is the loop's, interned once.
    virtual std::uint32_t resultReprId() const;

    void setException(std::exception_ptr e, std::uint32_t cause = NoEvent);
    virtual bool cancel(std::string message = {});

    // Returns a token for removeDoneCallback. `name` is what the ready queue shows for it; with
    // `withFuture`, the name is a function's and the queue shows it called with the future, as
    // asyncio's handle reads: "on_done(<Task finished name='Task-2' coro=<f() done> result=1>)".
    std::uint64_t addDoneCallback(DoneCallback fn, std::string_view name, bool withFuture = false);
    // Wakes `task` (its __wakeup) when done; scheduled as a step of that task.
    std::uint64_t addWakeup(TaskBase *task);
    void removeDoneCallback(std::uint64_t token);

    // The event that completed it (Done/Error/Cancel of a task, or the slice that set it).
    std::uint32_t doneEvent() const { return m_doneEvent; }

private:
    struct Callback {
        DoneCallback fn;
        TaskBase *wakeTask = nullptr;
        std::uint32_t name = 0;
        std::uint64_t token = 0;
        bool withFuture = false;
    };

protected:
    // What few futures need, behind one pointer: 8 bytes in every future and task, not 104.
    struct Rare {
        // Done callbacks after the first waiter (gather's, add_done_callback's), in order.
        std::vector<Callback> callbacks;
        std::optional<std::string> cancelMessage; // Task.cancel(msg)'s, Future._cancel_message
        std::string name;                         // a task's create_task(name=...) ("": none)
        std::string description;                  // a task's "Task-2 f()", built when asked
    };
    Rare &rare() const
    {
        if (!m_rare)
            m_rare = std::make_unique<Rare>();
        return *m_rare;
    }
    const Rare *rareIfAny() const { return m_rare.get(); }

    // Moves to a done state and schedules the callbacks; `cause` defaults to the running slice.
    void finish(State state, std::uint32_t cause);
    void setCancelMessage(std::string message)
    {
        if (message.empty() && !(m_rare && m_rare->cancelMessage))
            return;
        rare().cancelMessage = std::move(message);
    }
    std::exception_ptr m_exception;
    // Set by exception() and checkResult(): an exception nobody looked at is reported when the
    // future goes away, as asyncio's "... exception was never retrieved".
    mutable bool m_retrieved = false;
    mutable bool m_cancelledExcTaken = false; // makeCancelledError() gave a task's original message
    std::uint32_t m_descriptionId = 0; // 0: not interned (yet)
    // For a future whose value is None (not cancelled, no exception): the loop's id of "None", else 0.
    std::uint32_t noneResultId() const;

private:
    std::string callbackName(const Callback &cb);
    void addCallback(Callback cb);
    bool hasCallbacks() const { return m_rare && !m_rare->callbacks.empty(); }
    mutable std::unique_ptr<Rare> m_rare;
    // The first done callback, when it is a task's wakeup (most futures have one waiter: the task
    // awaiting it), waits here instead of in Rare's list, ahead of the others: a spawn or an await
    // then allocates nothing. Only set while there are no others.
    TaskBase *m_waiter = nullptr;
    std::uint32_t m_waiterToken = 0;
    std::uint32_t m_nextToken = 1;
    std::uint32_t m_doneEvent = NoEvent;

protected:
    // Last, next to TaskBase's first members: the fields every task switch reads.
    State m_state = State::Pending;

private:
    EventLoop &m_loop;
};

// Where a Future<T> / Task keeps its value.
template<class T>
struct ValueSlot {
    std::optional<Stored<T>> value;
};

template<class T>
class FutureState final : public FutureBase, public ValueSlot<T>
{
public:
    FutureState(EventLoop &loop, std::string description)
        : FutureBase(loop)
        , m_description(std::move(description))
    {
    }
    const std::string &description() const override { return m_description; }
    void setResult(Stored<T> v, std::uint32_t cause = NoEvent)
    {
        if (done())
            throw InvalidStateError("invalid state");
        this->value = std::move(v);
        finish(State::Finished, cause);
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

private:
    std::string m_description;
};

template<class T>
class FutureAwaiter;

// What task.get_coro() gives here: the coroutine's name (its __name__), and its repr without the
// address: <coroutine object f>.
struct CoroutineRef {
    std::string name;
    std::string repr() const { return "<coroutine object " + name + ">"; }
};

// asyncio.Future / asyncio.Task as a value: a shared handle. Awaiting it from a task suspends the
// task until the future is done (its wake-up scheduled with call_soon), then yields the result or
// throws the exception.
template<class T = void>
class Future
{
public:
    using value_type = Stored<T>;

    Future() = default;
    Future(std::shared_ptr<FutureBase> base, ValueSlot<T> *slot)
        : m_base(std::move(base))
        , m_slot(slot)
    {
    }

    bool valid() const { return bool(m_base); }
    // Task.cancelling(), Task.uncancel(), Task.get_coro() (for a task; a plain future has none).
    int cancelling() const;
    int uncancel();
    CoroutineRef get_coro() const;
    bool done() const { return m_base->done(); }
    bool cancelled() const { return m_base->cancelled(); }
    bool cancel(std::string message = {}) { return m_base->cancel(std::move(message)); }
    std::exception_ptr exception() const { return m_base->exception(); }
    std::string get_name() const;
    // As asyncio shows it, without the paths and addresses a trace leaves out:
    // <Task finished name='f1' coro=<fn() done> result='ok'>, <Future pending>.
    std::string repr() const;
    // Future.result(): the value, or throws (CancelledError, the stored exception, InvalidStateError).
    value_type result() const
    {
        if (!m_base->done())
            throw InvalidStateError("Result is not set.");
        m_base->checkResult();
        return *m_slot->value;
    }
    // For gather(return_exceptions): the value or the exception, without throwing.
    auto outcome() const;
    void set_result(value_type v) { static_cast<FutureState<T> &>(*m_base).setResult(std::move(v)); }
    // The same, its done callbacks scheduled with `cause` (the release or set that woke a waiter).
    void set_result(value_type v, std::uint32_t cause)
    {
        static_cast<FutureState<T> &>(*m_base).setResult(std::move(v), cause);
    }
    void set_exception(std::exception_ptr e) { m_base->setException(std::move(e)); }
    // fut.add_done_callback(fn): `fn` gets the future; the ready queue shows "fn(<Task ...>)" with the
    // name of a def("fn", ...) (a plain lambda is "<lambda>", as in Python).
    template<class Fn>
    void add_done_callback(Fn fn)
    {
        std::string name = "<lambda>";
        if constexpr (requires { fn.name; fn.fn; })
            name = fn.name;
        m_base->addDoneCallback([fn = std::move(fn), f = *this](FutureBase &, std::uint32_t) mutable { fn(f); },
                                name, true);
    }

    FutureBase &base() const { return *m_base; }
    ValueSlot<T> *slot() const { return m_slot; }
    const std::shared_ptr<FutureBase> &shared() const { return m_base; }
    bool operator==(const Future &o) const { return m_base == o.m_base; }

    FutureAwaiter<T> awaiter(std::source_location loc) const { return FutureAwaiter<T>(*this, loc); }

private:
    std::shared_ptr<FutureBase> m_base;
    ValueSlot<T> *m_slot = nullptr;
};

template<class V>
struct Outcome;

// repr(fut) as asyncio shows it, without paths and addresses: <Task finished name='f1' coro=<fn()
// done> result='ok'>, <Future pending>.
std::string futureRepr(const FutureBase &future);
// A callback's argument as a ready-queue name shows it: its repr, cut to 60 characters.
std::string argText(std::string text);

template<class T>
auto Future<T>::outcome() const
{
    return Outcome<value_type>::of(*m_base, m_slot->value);
}

template<class T>
Future<T> makeFuture(EventLoop &loop, std::string description)
{
    auto state = std::make_shared<FutureState<T>>(loop, std::move(description));
    ValueSlot<T> *slot = state.get();
    return Future<T>(std::move(state), slot);
}

template<class T>
auto EventLoop::create_future(std::string description)
{
    return makeFuture<T>(*this, std::move(description));
}

// Shared by every awaiter that suspends the current task on a future.
void suspendTaskOn(FutureBase *future, std::coroutine_handle<> leaf, std::string_view detail, std::uint32_t loc);
// The same with the detail already interned.
void suspendTaskOn(FutureBase *future, std::coroutine_handle<> leaf, std::uint32_t detail, std::uint32_t loc);
// The same for asyncio.sleep(d > 0) of the current task (there must be one), whose timer wakes it directly.
void suspendTaskOnSleep(SleepWait *sleep, std::coroutine_handle<> leaf, std::uint32_t detail, std::uint32_t loc);
// Throws a cancellation requested while the task was not waiting on a future (Task.cancel during
// sleep(0), or before its first step).
void throwPendingCancel();

template<class T>
class FutureAwaiter
{
public:
    FutureAwaiter(Future<T> future, std::source_location loc)
        : m_future(std::move(future))
        , m_loc(loc)
    {
    }
    // A done future does not suspend: `await fut` returns at once, as in Python.
    bool await_ready() const { return m_future.done(); }
    void await_suspend(std::coroutine_handle<> h)
    {
        auto &rt = Runtime::current();
        suspendTaskOn(&m_future.base(), h, m_future.base().descriptionId(), rt.location(m_loc));
        m_suspended = true;
    }
    Stored<T> await_resume() const
    {
        if (m_suspended)
            throwPendingCancel();
        return m_future.result();
    }

private:
    Future<T> m_future;
    std::source_location m_loc;
    bool m_suspended = false;
};

} // namespace coroscope
