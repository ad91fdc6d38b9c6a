#include "Task.h"

#include <fmt/format.h>

#include <algorithm>

namespace coroscope {

TaskBase::TaskBase(EventLoop &loop, std::string name, std::string coroutine)
    : FutureBase(loop, name + " " + coroutine)
    , m_name(std::move(name))
{
    m_lane = loop.runtime().newLane(description(), LaneKind::Task);
    m_descriptionId = loop.runtime().recorder().laneNameId(m_lane); // its Create event interned it
}

TaskBase::~TaskBase()
{
    if (m_exception && !m_retrieved && Runtime::active()) {
        // Python's words, from Task.__del__ (the traceback stands in as "Type: message").
        const auto coro
            = std::string_view(description()).substr(std::min(description().size(), m_name.size() + 1));
        Runtime::current().logError(fmt::format("Task exception was never retrieved\nfuture: <Task finished "
                                                "name='{}' coro=<{} done> exception={}>\n{}",
                                                m_name, coro, reprException(m_exception),
                                                describeException(m_exception)));
        m_retrieved = true;
    }
    if (m_top)
        m_top.destroy(); // a task still pending when its loop went away: its frame's locals unwind here
}

void TaskBase::start(std::coroutine_handle<> top, std::shared_ptr<FutureBase> self)
{
    m_top = top;
    m_leaf = top;
    m_self = std::move(self);
    loop().registerTask(this);
    loop().scheduleStep(this, loop().stepNameId());
}

void TaskBase::abandon()
{
    if (auto top = std::exchange(m_top, {}))
        top.destroy();
    m_self.reset();
}

bool TaskBase::cancel(std::string message)
{
    if (done())
        return false;
    ++m_cancelRequests;
    // Cancelling the future it waits on wakes it with CancelledError at its suspension point.
    if (m_waiting && m_waiting->cancel(message))
        return true;
    if (m_sleep && m_sleep->cancel(message))
        return true;
    m_mustCancel = true;
    setCancelMessage(std::move(message)); // thrown into the coroutine at its next step
    return true;
}

std::string TaskBase::coroName() const
{
    std::string_view coro = std::string_view(description()).substr(std::min(description().size(), m_name.size() + 1));
    if (coro.ends_with("()"))
        coro.remove_suffix(2);
    return std::string(coro);
}

std::string futureRepr(const FutureBase &f)
{
    std::string head = "<Future";
    if (const auto *task = dynamic_cast<const TaskBase *>(&f)) {
        const std::string &d = f.description();
        const std::string coro = d.size() > task->name().size() ? d.substr(task->name().size() + 1) : d;
        head = "<Task";
        const auto named = fmt::format(" name={} coro=<{}", reprString(task->name()), coro);
        if (!f.done())
            return head + " pending" + named + " running>>";
        if (f.cancelled())
            return head + " cancelled" + named + " done>>";
        head += " finished" + named + " done>";
    } else {
        if (!f.done())
            return "<Future pending>";
        if (f.cancelled())
            return "<Future cancelled>";
        head += " finished";
    }
    return head + (f.failed() ? " exception=" : " result=") + f.resultRepr() + ">";
}

std::string TaskBase::waitDescription() const
{
    if (m_waiting)
        return m_waiting->description();
    if (m_sleep)
        return loop().runtime().recorder().text(m_sleep->nameId());
    return "nothing";
}

void TaskBase::step(std::uint32_t cause)
{
    auto &rt = loop().runtime();
    auto &rec = rt.recorder();
    // 3.11's __step: a pending cancel() becomes the CancelledError thrown in, unless the value
    // coming in is one already (the future it waited on was cancelled first): that one is kept.
    // (Read only when a cancel is pending: the common step touches nothing more than it did.)
    bool cancelling = std::exchange(m_mustCancel, false);
    if (cancelling && ((m_waiting && m_waiting->raisesCancelledError()) || (m_sleep && m_sleep->cancelled())))
        [[unlikely]]
        cancelling = false;
    m_throwCancel = m_throwCancel || cancelling;
    // Resume's detail is the value passed in: a bare yield's None (an id cached by the loop), the
    // awaited future's result, or the CancelledError about to be thrown. Start has none.
    std::uint32_t ev;
    if (!m_started)
        ev = rec.record(EventKind::Start, m_lane, cause);
    else if (cancelling)
        ev = rec.record(EventKind::Resume, m_lane, cause, CancelledError(cancelMessage()).repr());
    else if (m_waiting && rec.enabled())
        ev = rec.record(EventKind::Resume, m_lane, cause, m_waiting->resultReprId());
    else if (m_sleep && rec.enabled())
        ev = rec.record(EventKind::Resume, m_lane, cause, m_sleep->resultRepr());
    else
        ev = rec.record(EventKind::Resume, m_lane, cause, m_waiting || m_sleep ? 0 : loop().noneNameId());
    m_waiting = nullptr;
    m_sleep = nullptr;
    m_started = true;

    auto *previous = rt.currentTask();
    rt.enter(m_lane, ev);
    rt.setCurrentTask(this);
    m_leaf.resume();
    rt.setCurrentTask(previous);
    rt.leave();

    if (m_top.done()) {
        // complete() drops the self-reference: held here until step() returns. Only here: a
        // pending task holds itself, and copying that reference on every switch cost a cache line.
        auto keepAlive = m_self;
        complete();
    } else if (m_waiting) {
        m_waiting->addWakeup(this);
        // Task.cancel() called from inside this very step: pass it on to what we now wait for.
        if (m_mustCancel && m_waiting->cancel(cancelMessage()))
            m_mustCancel = false;
    } else if (m_sleep) {
        // The sleep's timer wakes it. Task.cancel() from inside this step: cancel the sleep.
        if (m_mustCancel && m_sleep->cancel(cancelMessage()))
            m_mustCancel = false;
    } else {
        loop().scheduleStep(this, m_lane, loop().stepNameId(), NoEvent); // a bare yield (sleep(0))
    }
}

void TaskBase::complete()
{
    auto &rt = loop().runtime();
    harvest(m_top);
    m_top.destroy();
    m_top = {};
    std::uint32_t ev;
    if (m_exception && isCancelledError(m_exception)) {
        // Keep its message: `await task` re-raises CancelledError('msg'), as 3.11's _cancelled_exc does.
        try {
            std::rethrow_exception(m_exception);
        } catch (const CancelledError &e) {
            setCancelMessage(e.message());
        }
        m_exception = nullptr;
        m_endedByCancelledError = true;
        ev = rt.recorder().record(EventKind::Cancel, m_lane, NoEvent, "CancelledError");
        finish(State::Cancelled, ev);
    } else if (m_exception) {
        ev = rt.recorder().record(EventKind::Error, m_lane, NoEvent, describeException(m_exception));
        finish(State::Finished, ev);
    } else if (m_mustCancel) {
        // Task.cancel() came in the very step the coroutine returned in: 3.11's __step ends the task
        // cancelled anyway ("Task is cancelled right before coro stops").
        m_mustCancel = false;
        ev = rt.recorder().record(EventKind::Cancel, m_lane, NoEvent, "CancelledError");
        finish(State::Cancelled, ev);
    } else {
        ev = rt.recorder().record(EventKind::Done, m_lane, NoEvent, resultReprId());
        finish(State::Finished, ev);
    }
    loop().unregisterTask(this);
    m_self.reset(); // the caller's keepAlive still holds it until step() returns
}

} // namespace coroscope
