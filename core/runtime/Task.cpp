#include "Task.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstring>

namespace coroscope {

TaskBase::TaskBase(EventLoop &loop, std::uint32_t number, std::string customName, const char *function)
    : FutureBase(loop)
    , m_number(number)
    , m_function(function)
{
    if (!customName.empty()) {
        rare().name = std::move(customName);
        m_lane = loop.runtime().newLane(description(), LaneKind::Task);
    } else {
        // "Task-N coro()" written on the stack: the lane's name is interned, and nothing else
        // keeps it (fmt::format and a std::string were a fifth of a spawn's instructions).
        const auto &coroutine = coroutineNameOf(m_function);
        char buffer[128];
        std::memcpy(buffer, "Task-", 5);
        char *end = std::to_chars(buffer + 5, buffer + 16, number).ptr;
        *end++ = ' ';
        if (coroutine.size() <= std::size_t(buffer + sizeof buffer - end)) {
            end = std::copy(coroutine.begin(), coroutine.end(), end);
            m_lane = loop.runtime().newLane(std::string_view(buffer, std::size_t(end - buffer)), LaneKind::Task);
        } else {
            m_lane = loop.runtime().newLane(description(), LaneKind::Task);
        }
    }
    m_descriptionId = loop.runtime().recorder().laneNameId(m_lane); // its Create event interned it
}

std::string TaskBase::name() const
{
    return hasCustomName() ? rareIfAny()->name : fmt::format("Task-{}", m_number);
}

const std::string &TaskBase::description() const
{
    auto &r = rare();
    if (r.description.empty())
        r.description = name() + " " + coroutineNameOf(m_function);
    return r.description;
}

TaskBase::~TaskBase()
{
    if (m_exception && !m_retrieved && Runtime::active()) {
        // Python's words, from Task.__del__ (the traceback stands in as "Type: message").
        Runtime::current().logError(fmt::format("Task exception was never retrieved\nfuture: <Task finished "
                                                "name='{}' coro=<{} done> exception={}>\n{}",
                                                name(), coroutineNameOf(m_function), reprException(m_exception),
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
    if (auto *waiting = waitingFuture(); waiting && waiting->cancel(message))
        return true;
    if (auto *sleep = waitingSleep(); sleep && sleep->cancel(message))
        return true;
    m_mustCancel = true;
    setCancelMessage(std::move(message)); // thrown into the coroutine at its next step
    return true;
}

std::string TaskBase::coroName() const
{
    std::string_view coro = coroutineNameOf(m_function);
    if (coro.ends_with("()"))
        coro.remove_suffix(2);
    return std::string(coro);
}

std::string futureRepr(const FutureBase &f)
{
    std::string head = "<Future";
    if (const auto *task = dynamic_cast<const TaskBase *>(&f)) {
        head = "<Task";
        const auto named = fmt::format(" name={} coro=<{}", reprString(task->name()), task->coroutine());
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
    if (auto *waiting = waitingFuture())
        return waiting->description();
    if (auto *sleep = waitingSleep())
        return loop().runtime().recorder().text(sleep->nameId());
    return "nothing";
}

void TaskBase::step(std::uint32_t cause)
{
    auto &rt = Runtime::current(); // (this task's: it steps on its loop's thread)
    auto &loop = *rt.loop();
    assert(&loop == &this->loop());
    // The first step (Start), or a bare yield's wake-up (every sleep(0) switch: Resume with None),
    // with no cancel pending and nothing awaited. Everything else is resumeEvent()'s, out of line:
    // the switch then saves fewer registers.
    std::uint32_t ev;
    if (m_wait == 0 && !m_mustCancel) [[likely]] {
        ev = m_started ? rt.recorder().record(EventKind::Resume, m_lane, cause, loop.noneNameId())
                       : rt.recorder().record(EventKind::Start, m_lane, cause);
        m_started = true;
    } else {
        ev = resumeEvent(rt.recorder(), loop, cause);
    }

    auto *previous = rt.currentTask();
    rt.enter(m_lane, ev);
    rt.setCurrentTask(this);
    m_leaf.resume();
    rt.setCurrentTask(previous);
    rt.leave();

    auto *next = waitingFuture();
    if (m_top.done()) [[unlikely]]
        afterStep();
    else if (m_wait == 0) [[likely]]
        loop.scheduleStep(this, m_lane, loop.stepNameId(), NoEvent); // a bare yield (sleep(0)) again
    else if (next && !m_mustCancel)
        next->addWakeup(this); // it awaits a future (a task, gather...): its done callback wakes it
    else
        afterStep();
}

std::uint32_t TaskBase::resumeEvent(Recorder &rec, EventLoop &loop, std::uint32_t cause)
{
    // 3.11's __step: a pending cancel() becomes the CancelledError thrown in, unless the value
    // coming in is one already (the future it waited on was cancelled first): that one is kept.
    bool cancelling = std::exchange(m_mustCancel, false);
    auto *waiting = waitingFuture();
    auto *sleep = waitingSleep();
    if (cancelling && ((waiting && waiting->raisesCancelledError()) || (sleep && sleep->cancelled())))
        cancelling = false;
    m_throwCancel = m_throwCancel || cancelling;
    // Resume's detail is the value passed in: a bare yield's None (an id cached by the loop), the
    // awaited future's result, or the CancelledError about to be thrown. Start has none.
    std::uint32_t ev;
    if (!m_started)
        ev = rec.record(EventKind::Start, m_lane, cause);
    else if (cancelling)
        ev = rec.record(EventKind::Resume, m_lane, cause, CancelledError(cancelMessage()).repr());
    else if (waiting && rec.enabled())
        ev = rec.record(EventKind::Resume, m_lane, cause, waiting->resultReprId());
    else if (sleep && rec.enabled())
        ev = rec.record(EventKind::Resume, m_lane, cause, sleep->resultRepr());
    else
        ev = rec.record(EventKind::Resume, m_lane, cause, m_wait ? 0 : loop.noneNameId());
    m_wait = 0;
    m_started = true;
    return ev;
}

void TaskBase::afterStep()
{
    if (m_top.done()) {
        // complete() drops the self-reference: held here until step() returns. Only here: a
        // pending task holds itself, and copying that reference on every switch cost a cache line.
        auto keepAlive = m_self;
        complete();
    } else if (auto *next = waitingFuture()) {
        next->addWakeup(this);
        // Task.cancel() called from inside this very step: pass it on to what we now wait for.
        if (m_mustCancel && next->cancel(cancelMessage()))
            m_mustCancel = false;
    } else if (auto *timer = waitingSleep()) {
        // The sleep's timer wakes it. Task.cancel() from inside this step: cancel the sleep.
        if (m_mustCancel && timer->cancel(cancelMessage()))
            m_mustCancel = false;
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
