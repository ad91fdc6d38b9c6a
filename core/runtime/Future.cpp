#include "Future.h"

#include "Task.h"

#include <fmt/format.h>

namespace coroscope {

FutureBase::FutureBase(EventLoop &loop)
    : m_loop(loop)
{
}

FutureBase::~FutureBase()
{
    if (m_exception && !m_retrieved && Runtime::active())
        Runtime::current().logError(
            fmt::format("Future exception was never retrieved\nfuture: <Future finished "
                        "exception={}>",
                        reprException(m_exception)));
}

std::uint32_t FutureBase::descriptionId()
{
    auto &rec = m_loop.runtime().recorder();
    if (!m_descriptionId && rec.enabled())
        m_descriptionId = rec.intern(description());
    return m_descriptionId;
}

std::uint32_t FutureBase::resultReprId() const
{
    auto &rec = m_loop.runtime().recorder();
    return rec.enabled() ? rec.intern(resultRepr()) : 0;
}

std::uint32_t FutureBase::noneResultId() const
{
    // Pending too: a task's Done is recorded just before it finishes (its value is set by then).
    if (m_state == State::Cancelled || m_exception || !m_loop.runtime().recorder().enabled())
        return 0;
    return m_loop.noneNameId();
}

bool FutureBase::raisesCancelledError() const
{
    return m_state == State::Cancelled || (m_exception && isCancelledError(m_exception));
}

CancelledError FutureBase::makeCancelledError() const
{
    const auto *task = dynamic_cast<const TaskBase *>(this);
    if (task && task->endedByCancelledError() && std::exchange(m_cancelledExcTaken, true))
        return CancelledError();
    return CancelledError(cancelMessage());
}

std::exception_ptr FutureBase::exception() const
{
    m_retrieved = true;
    if (m_state == State::Cancelled)
        throw makeCancelledError(); // cancel(msg)'s message travels with the error, as in 3.11
    if (m_state == State::Pending)
        throw InvalidStateError("Exception is not set.");
    return m_exception;
}

void FutureBase::checkResult() const
{
    m_retrieved = true;
    if (m_state == State::Cancelled)
        throw makeCancelledError();
    if (m_exception)
        std::rethrow_exception(m_exception);
}

void FutureBase::setException(std::exception_ptr e, std::uint32_t cause)
{
    if (done())
        throw InvalidStateError("invalid state");
    m_exception = std::move(e);
    finish(State::Finished, cause);
}

bool FutureBase::cancel(std::string message)
{
    if (done())
        return false;
    setCancelMessage(std::move(message));
    finish(State::Cancelled, NoEvent);
    return true;
}

std::string argText(std::string text)
{
    if (text.size() > 60)
        text = text.substr(0, 57) + "...";
    return text;
}

std::string FutureBase::callbackName(const Callback &cb)
{
    std::string name = m_loop.runtime().recorder().text(cb.name); // a copy: workers may intern meanwhile
    if (cb.withFuture)
        name += "(" + argText(futureRepr(*this)) + ")";
    return name;
}

std::uint64_t FutureBase::addDoneCallback(DoneCallback fn, std::string_view name, bool withFuture)
{
    const auto token = m_nextToken++;
    Callback cb{std::move(fn), nullptr, m_loop.runtime().recorder().intern(name), token, withFuture};
    if (done()) {
        // As in Python: a callback added to a done future is scheduled at once.
        const auto shown = callbackName(cb);
        m_loop.callSoon([self = shared_from_this(), fn = std::move(cb.fn)](std::uint32_t ev) { fn(*self, ev); },
                        shown);
        return token;
    }
    addCallback(std::move(cb));
    return token;
}

void FutureBase::addCallback(Callback cb)
{
    rare().callbacks.push_back(std::move(cb));
}

std::uint64_t FutureBase::addWakeup(TaskBase *task)
{
    const auto token = m_nextToken++;
    if (done()) {
        m_loop.scheduleStep(task, m_loop.wakeupNameId());
        return token;
    }
    if (!m_waiter && !hasCallbacks()) {
        m_waiter = task;
        m_waiterToken = token;
        return token;
    }
    addCallback(Callback{{}, task, 0, token});
    return token;
}

void FutureBase::removeDoneCallback(std::uint64_t token)
{
    if (m_waiter && m_waiterToken == token) {
        m_waiter = nullptr;
        return;
    }
    if (m_rare)
        std::erase_if(m_rare->callbacks, [token](const Callback &c) { return c.token == token; });
}

void FutureBase::finish(State state, std::uint32_t cause)
{
    m_state = state;
    auto &rt = m_loop.runtime();
    m_doneEvent = cause == NoEvent ? rt.currentSlice() : cause;
    if (auto *waiter = std::exchange(m_waiter, nullptr))
        m_loop.scheduleStep(waiter, m_loop.wakeupNameId(), m_doneEvent);
    if (!hasCallbacks())
        return;
    const auto callbacks = std::exchange(m_rare->callbacks, {}); // one added from here on runs at once
    for (auto &cb : callbacks) {
        if (cb.wakeTask) {
            m_loop.scheduleStep(cb.wakeTask, m_loop.wakeupNameId(), m_doneEvent);
        } else {
            const auto shown = callbackName(cb);
            m_loop.callSoon([self = shared_from_this(), fn = std::move(cb.fn)](std::uint32_t ev) { fn(*self, ev); },
                            shown, m_doneEvent);
        }
    }
}

void suspendTaskOn(FutureBase *future, std::coroutine_handle<> leaf, std::string_view detail, std::uint32_t loc)
{
    auto &rt = Runtime::current();
    auto *task = rt.currentTask();
    if (!task)
        throw RuntimeError("await outside a task: only coroutines run by the event loop can suspend");
    loc = rt.awaitSite(loc);
    rt.record(EventKind::Suspend, NoEvent, detail, loc);
    task->lastSuspendLoc = loc;
    task->suspendOn(future, leaf);
}

void suspendTaskOn(FutureBase *future, std::coroutine_handle<> leaf, std::uint32_t detail, std::uint32_t loc)
{
    auto &rt = Runtime::current();
    auto *task = rt.currentTask();
    if (!task)
        throw RuntimeError("await outside a task: only coroutines run by the event loop can suspend");
    loc = rt.awaitSite(loc);
    rt.recorder().record(EventKind::Suspend, rt.currentLane(), NoEvent, detail, loc);
    task->lastSuspendLoc = loc;
    task->suspendOn(future, leaf);
}

void suspendTaskOnSleep(SleepWait *sleep, std::coroutine_handle<> leaf, std::uint32_t detail, std::uint32_t loc)
{
    auto &rt = Runtime::current();
    auto *task = rt.currentTask();
    rt.recorder().record(EventKind::Suspend, rt.currentLane(), NoEvent, detail, loc);
    task->lastSuspendLoc = loc;
    task->suspendOn(sleep, leaf);
}

void throwPendingCancel()
{
    if (!Runtime::active())
        return;
    if (auto *task = Runtime::current().currentTask(); task && task->takePendingCancel())
        throw CancelledError(task->cancelMessage()); // Task.cancel(msg) stored it in _cancel_message
}

} // namespace coroscope
