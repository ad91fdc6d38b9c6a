#include "EventLoop.h"
#include "HeapQ.h"

#include "Exceptions.h"
#include "Executor.h"
#include "IoPoller.h"
#include "Runtime.h"
#include "Task.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>

namespace coroscope {

namespace {
std::int64_t steadyNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

void TimerHandle::cancel()
{
    if (m_state && m_loop)
        m_loop->cancelTimer(*m_state);
}

EventLoop::EventLoop(Runtime &runtime)
    : m_runtime(runtime)
    , m_previousLoop(runtime.loop())
    , m_clock(runtime.options().clock)
{
    // A second loop in the same run continues the clock where the first one left it.
    auto &rec = m_runtime.recorder();
    m_virtualNow = rec.now();
    m_realStart = steadyNs() - rec.now();
    m_lane = m_runtime.newLane("event loop", LaneKind::Loop);
    if (m_clock == ClockMode::Real) {
        m_poller = std::make_unique<IoPoller>();
        m_inbox->m_poller = m_poller.get();
    }
    m_runtime.setLoop(this);
}

EventLoop::~EventLoop()
{
    // asyncio.run cancels leftover tasks before closing; after a fault some may still be pending.
    // Close the inbox first: a worker finishing from now on drops what it hands back instead of
    // touching this loop (what it already handed back is dropped here, outside the lock).
    std::vector<ThreadsafeInbox::Item> undelivered;
    {
        std::lock_guard guard(m_inbox->m_mutex);
        m_inbox->m_closed = true;
        m_inbox->m_poller = nullptr;
        undelivered.swap(m_inbox->m_items);
    }
    undelivered.clear();
    // Drop every queued callback first, then unwind the pending frames (their locals' destructors
    // run here) and break each task's self-reference.
    m_ready.clear();
    m_readyCallbacks.clear();
    for (const auto &t : m_timers)
        discardTimer(t);
    m_timers.clear();
    std::vector<std::shared_ptr<FutureBase>> pending;
    for (auto *task : m_tasks)
        if (task)
            pending.push_back(task->shared_from_this());
    m_tasks.clear();
    for (auto &task : pending)
        static_cast<TaskBase &>(*task).abandon();
    shutdownDefaultExecutor();
    m_runtime.setLoop(m_previousLoop);
}

std::int64_t EventLoop::now() const
{
    return m_clock == ClockMode::Virtual ? m_virtualNow : steadyNs() - m_realStart;
}

void EventLoop::callSoon(LoopCallback fn, std::string_view name, std::uint32_t cause)
{
    auto &rec = m_runtime.recorder();
    const auto nameId = rec.intern(name);
    const auto ev = rec.record(EventKind::Schedule, m_lane, cause == NoEvent ? m_runtime.currentSlice() : cause,
                               nameId);
    pushCallback(std::move(fn), ev, nameId);
}

std::uint32_t EventLoop::callSoonCancellable(LoopCallback fn, std::string_view name)
{
    auto &rec = m_runtime.recorder();
    const auto nameId = rec.intern(name);
    const auto ev = rec.record(EventKind::Schedule, m_lane, m_runtime.currentSlice(), nameId);
    pushCallback(std::move(fn), ev, nameId);
    return ev;
}

void EventLoop::cancelReady(std::uint32_t handle)
{
    if (handle != NoEvent)
        m_cancelledReady.insert(handle);
}

void EventLoop::pushCallback(LoopCallback fn, std::uint32_t event, std::uint32_t name)
{
    m_readyCallbacks.push_back(std::move(fn));
    m_ready.push_back(ReadyItem{nullptr, event, name});
}

std::uint32_t EventLoop::internName(std::string_view text)
{
    return m_runtime.recorder().intern(text);
}

void EventLoop::scheduleStep(TaskBase *task, std::string_view name, std::uint32_t cause)
{
    scheduleStep(task, m_runtime.recorder().intern(name), cause);
}

void EventLoop::scheduleStep(TaskBase *task, std::uint32_t nameId, std::uint32_t cause)
{
    auto &rec = m_runtime.recorder();
    const auto ev = rec.record(EventKind::Schedule, task->lane(),
                               cause == NoEvent ? m_runtime.currentSlice() : cause, nameId);
    m_ready.push_back(ReadyItem{task, ev, nameId});
}

TimerHandle EventLoop::callLater(double delaySeconds, LoopCallback fn, std::string_view name, std::uint32_t loc)
{
    return callAt(time() + delaySeconds, std::move(fn), name, loc);
}

TimerHandle EventLoop::callAtNs(std::int64_t when, LoopCallback fn, std::string_view name, std::uint32_t loc)
{
    return callAt(double(when) / 1e9, std::move(fn), name, loc);
}

TimerHandle EventLoop::callAt(double due, LoopCallback fn, std::string_view name, std::uint32_t loc)
{
    auto &rec = m_runtime.recorder();
    auto state = std::make_shared<TimerState>();
    state->fn = std::move(fn);
    state->name = rec.intern(name);
    state->armEvent = m_runtime.record(EventKind::TimerArm, m_runtime.currentSlice(), name, loc);
    const auto when = toNs(due);
    if (state->armEvent != NoEvent)
        rec.setTimerDue(state->armEvent, when);
    state->heapRef = state;
    pushTimer(Timer{due, m_timerOrder++, reinterpret_cast<std::uintptr_t>(state.get())});
    return TimerHandle(state, this);
}

void EventLoop::pushTimer(Timer timer)
{
    heapq::heappush(m_timers, std::move(timer));
    ++m_liveTimers;
}

void EventLoop::discardTimer(const Timer &t)
{
    if (t.sleep())
        m_deadSleeps.erase(t.order);
    else
        t.state()->heapRef.reset(); // may destroy it: read nothing after
}

void EventLoop::dropTimer()
{
    discardTimer(heapq::heappop(m_timers));
}

void EventLoop::dropCancelledTimers()
{
    constexpr std::size_t minScheduled = 100; // base_events._MIN_SCHEDULED_TIMER_HANDLES
    if (m_timers.size() > minScheduled && double(m_timerCancelledCount) / double(m_timers.size()) > 0.5) {
        std::vector<Timer> live;
        for (auto &t : m_timers) {
            if (!timerDead(t))
                live.push_back(t);
            else
                discardTimer(t);
        }
        heapq::heapify(live);
        m_timers = std::move(live);
        m_timerCancelledCount = 0;
        return;
    }
    while (!m_timers.empty() && timerDead(m_timers.front())) {
        --m_timerCancelledCount;
        dropTimer();
    }
}

void EventLoop::armSleep(SleepWait &sleep, TaskBase *task, double delaySeconds, std::string_view name,
                         std::uint32_t loc)
{
    auto &rec = m_runtime.recorder();
    const double due = time() + delaySeconds;
    const auto when = toNs(due);
    sleep.m_task = task;
    sleep.m_name = rec.intern(name);
    sleep.m_armEvent
        = rec.record(EventKind::TimerArm, m_runtime.currentLane(), m_runtime.currentSlice(), sleep.m_name, loc);
    if (sleep.m_armEvent != NoEvent)
        rec.setTimerDue(sleep.m_armEvent, when);
    sleep.m_order = m_timerOrder++;
    sleep.m_armed = true;
    pushTimer(Timer{due, sleep.m_order, reinterpret_cast<std::uintptr_t>(&sleep) | 1});
}

void EventLoop::disarmSleep(SleepWait &sleep, bool record)
{
    if (!sleep.m_armed)
        return;
    sleep.m_armed = false;
    --m_liveTimers;
    ++m_timerCancelledCount;
    m_deadSleeps.insert(sleep.m_order);
    if (record)
        m_runtime.recorder().record(EventKind::TimerCancel, m_runtime.currentLane(), sleep.m_armEvent, sleep.m_name);
}

void SleepWait::forget()
{
    m_task->loop().disarmSleep(*this, false);
}

void SleepWait::disarm()
{
    if (m_armed)
        m_task->loop().disarmSleep(*this, true);
}

bool SleepWait::cancel(std::string message)
{
    if (done())
        return false;
    m_cancelMessage = std::make_unique<std::string>(std::move(message));
    m_state = State::Cancelled;
    auto &loop = m_task->loop();
    loop.scheduleStep(m_task, loop.wakeupNameId());
    return true;
}

void SleepWait::fire()
{
    if (done()) // cancelled meanwhile
        return;
    m_state = State::Finished;
    auto &loop = m_task->loop();
    loop.scheduleStep(m_task, loop.wakeupNameId());
}

void EventLoop::cancelTimer(TimerState &timer)
{
    if (timer.cancelled || timer.ran)
        return;
    if (timer.fired) {
        // Its callback waits in the ready queue: asyncio's loop skips a cancelled handle there, and
        // records nothing (the handle has left the heap). wait()'s on_completion cancels its
        // timeout so, when both came due in the same iteration.
        timer.cancelled = true;
        cancelReady(timer.fireEvent);
        return;
    }
    timer.cancelled = true;
    timer.fn = {};
    --m_liveTimers;
    ++m_timerCancelledCount;
    // text(): a copy taken under the recorder's lock, as worker threads may be interning strings.
    m_runtime.record(EventKind::TimerCancel, timer.armEvent, m_runtime.recorder().text(timer.name));
}

ThreadPoolExecutor &EventLoop::defaultExecutor()
{
    if (!m_defaultExecutor)
        m_defaultExecutor = std::make_unique<ThreadPoolExecutor>(
            int(std::min(32u, std::max(1u, std::thread::hardware_concurrency()) + 4)), "asyncio");
    return *m_defaultExecutor;
}

void EventLoop::shutdownDefaultExecutor()
{
    if (m_defaultExecutor)
        m_defaultExecutor->shutdownQuietly();
}

void EventLoop::block(double seconds, std::string_view what, std::uint32_t loc)
{
    const auto ns = std::int64_t(seconds * 1e9 + 0.5);
    if (m_clock == ClockMode::Virtual)
        m_virtualNow += ns;
    else
        std::this_thread::sleep_for(std::chrono::nanoseconds(ns));
    m_runtime.recorder().setNow(now());
    m_runtime.record(EventKind::Clock, m_runtime.currentSlice(), what, loc);
}

void EventLoop::advanceClock(std::int64_t to)
{
    if (m_clock == ClockMode::Virtual) {
        if (to <= m_virtualNow)
            return;
        m_virtualNow = to;
    }
    auto &rec = m_runtime.recorder();
    const auto from = rec.now();
    rec.setNow(now());
    if (m_clock == ClockMode::Virtual)
        rec.record(EventKind::Clock, m_lane, NoEvent, fmt::format("+{:.3f}s", double(to - from) / 1e9));
}

bool EventLoop::runOnce()
{
    // Cancelled timers leave first, so the clock never jumps to a timer nobody waits for.
    if (!m_timers.empty())
        dropCancelledTimers();

    if (m_clock == ClockMode::Virtual) {
        if (m_ready.empty()) {
            if (m_timers.empty())
                return false;
            advanceClock(m_timers.front().when());
        }
    } else {
        // As asyncio's _run_once: poll with no timeout when callbacks are ready, else until the
        // next timer (or indefinitely while I/O or outside work is pending).
        drainThreadsafe();
        std::int64_t timeout = 0;
        if (m_ready.empty()) {
            if (!m_timers.empty())
                timeout = std::max<std::int64_t>(0, m_timers.front().when() - now());
            else if (hasOutsideWork())
                timeout = -1;
            else
                return false;
        }
        // A run that can be stopped from outside looks at its stop flag at least every 50 ms.
        constexpr std::int64_t stopPollNs = 50'000'000;
        if (m_runtime.options().stop && (timeout < 0 || timeout > stopPollNs))
            timeout = stopPollNs;
        pollIo(timeout);
        m_runtime.recorder().setNow(now());
    }

    // Due timers join the ready queue behind what is already there, in heap order: those due before
    // loop.time() + the clock's resolution (1 ns), as asyncio's end_time reads.
    // (Or due at the instant the virtual clock jumped to: far from 0, the float due time can round
    // above the jump's nanosecond, and the loop must not jump to the same instant for ever.)
    const double endTime = time() + 1e-9;
    const auto current = now();
    auto &rec = m_runtime.recorder();
    while (!m_timers.empty()
           && (m_timers.front().due < endTime || (m_clock == ClockMode::Virtual && m_timers.front().when() <= current))) {
        const Timer t = heapq::heappop(m_timers);
        if (auto *sleep = t.sleep()) {
            if (!m_deadSleeps.empty() && m_deadSleeps.erase(t.order))
                continue;
            sleep->m_armed = false;
            --m_liveTimers;
            const auto ev = rec.record(EventKind::TimerFire, m_lane, sleep->m_armEvent, sleep->m_name);
            pushCallback([sleep](std::uint32_t) { sleep->fire(); }, ev, sleep->m_name);
            continue;
        }
        const auto state = std::move(t.state()->heapRef);
        if (state->cancelled)
            continue;
        state->fired = true;
        --m_liveTimers;
        const auto ev = rec.record(EventKind::TimerFire, m_lane, state->armEvent, state->name);
        state->fireEvent = ev;
        pushCallback(
            [state](std::uint32_t callbackEvent) {
                if (state->cancelled) // (cancelled in the ready queue, on a run that records nothing)
                    return;
                state->ran = true;
                auto fn = std::move(state->fn); // (what it holds goes with this run, not with the handle)
                fn(callbackEvent);
            },
            ev, state->name);
    }

    // Exactly the callbacks ready now; what they schedule waits for the next iteration.
    for (auto n = m_ready.size(); n > 0; --n) {
        ReadyItem item = std::move(m_ready.front());
        m_ready.pop_front();
        if (m_clock == ClockMode::Real)
            rec.setNow(now());
        if (item.task) [[likely]] // a task's step: without the call through runItem
            item.task->step(item.event);
        else
            runItem(item);
        m_runtime.checkBudget();
    }
    return true;
}

bool EventLoop::hasOutsideWork()
{
    std::lock_guard guard(m_inbox->m_mutex); // work handed back but not drained yet counts too
    return !m_watches.empty() || m_inbox->m_external > 0 || !m_inbox->m_items.empty();
}

void EventLoop::pollIo(std::int64_t timeoutNs)
{
    const auto ready = m_poller->wait(timeoutNs);
    for (const auto &r : ready) {
        auto it = m_watches.find(r.fd);
        if (it == m_watches.end())
            continue;
        auto &rec = m_runtime.recorder();
        // Copies: a callback may remove its own watch while the queue still holds it. The names too
        // (text()): worker threads may be interning strings meanwhile.
        if (r.readable && it->second.reader)
            callSoon(it->second.reader, rec.text(it->second.readerName), NoEvent);
        if (r.writable && it->second.writer)
            callSoon(it->second.writer, rec.text(it->second.writerName), NoEvent);
    }
    drainThreadsafe();
}

bool ThreadsafeInbox::post(LoopCallback fn, std::string name, std::uint32_t cause, bool releaseExternal)
{
    std::lock_guard guard(m_mutex);
    if (releaseExternal)
        --m_external;
    if (m_closed)
        return false;
    m_items.push_back({std::move(fn), std::move(name), cause});
    if (m_poller)
        m_poller->wake(); // under the lock: the loop cannot close (and free its poller) meanwhile
    return true;
}

void EventLoop::callSoonThreadsafe(LoopCallback fn, std::string name, std::uint32_t cause)
{
    m_inbox->post(std::move(fn), std::move(name), cause);
}

void EventLoop::holdExternal()
{
    std::lock_guard guard(m_inbox->m_mutex);
    ++m_inbox->m_external;
}

void EventLoop::drainThreadsafe()
{
    std::vector<ThreadsafeInbox::Item> items;
    {
        std::lock_guard guard(m_inbox->m_mutex);
        items.swap(m_inbox->m_items);
    }
    for (auto &item : items)
        callSoon(std::move(item.fn), item.name, item.cause);
}

void EventLoop::addReader(int fd, LoopCallback fn, std::string_view name)
{
    auto &w = m_watches[fd];
    w.reader = std::move(fn);
    w.readerName = m_runtime.recorder().intern(name);
    m_poller->watch(fd, true, bool(w.writer));
}

void EventLoop::removeReader(int fd)
{
    auto it = m_watches.find(fd);
    if (it == m_watches.end())
        return;
    it->second.reader = {};
    m_poller->watch(fd, false, bool(it->second.writer));
    if (!it->second.writer)
        m_watches.erase(it);
}

void EventLoop::addWriter(int fd, LoopCallback fn, std::string_view name)
{
    auto &w = m_watches[fd];
    w.writer = std::move(fn);
    w.writerName = m_runtime.recorder().intern(name);
    m_poller->watch(fd, bool(w.reader), true);
}

void EventLoop::removeWriter(int fd)
{
    auto it = m_watches.find(fd);
    if (it == m_watches.end())
        return;
    it->second.writer = {};
    m_poller->watch(fd, bool(it->second.reader), false);
    if (!it->second.reader)
        m_watches.erase(it);
}

void EventLoop::runItem(ReadyItem &item)
{
    if (item.task) {
        item.task->step(item.event);
        return;
    }
    LoopCallback fn = std::move(m_readyCallbacks.front());
    m_readyCallbacks.pop_front();
    if (!m_cancelledReady.empty() && m_cancelledReady.erase(item.event)) [[unlikely]]
        return;
    const auto ev = m_runtime.recorder().record(EventKind::Callback, m_lane, item.event, item.name);
    m_runtime.enter(m_lane, ev);
    try {
        fn(ev);
    } catch (const RunAborted &) {
        m_runtime.leave();
        throw;
    } catch (...) {
        // As asyncio's Handle._run: the loop's exception handler logs it and the loop goes on.
        // Names from call_soon already read "callback(<args>)"; internal ones ("stop loop") get "()".
        std::string name = m_runtime.recorder().text(item.name);
        if (!name.ends_with(')'))
            name += "()";
        m_runtime.logError(
            fmt::format("Exception in callback {}\n{}", name, describeException(std::current_exception())));
    }
    m_runtime.leave();
}

void EventLoop::runUntilComplete(FutureBase &future)
{
    // As asyncio: the future's done callback stops the loop once the iteration it runs in is over.
    m_stopping = false;
    future.addDoneCallback([this](FutureBase &, std::uint32_t) { m_stopping = true; }, "stop loop");
    while (!m_stopping) {
        m_runtime.checkBudget();
        if (!runOnce())
            throw RunAborted(deadlockMessage(future));
    }
    m_stopping = false;
}

std::string EventLoop::deadlockMessage(const FutureBase &waitedFor) const
{
    std::string msg = fmt::format("deadlock: the event loop has nothing left to run, but {} is still pending",
                                  waitedFor.description());
    const auto &trace = m_runtime.recorder().trace();
    for (auto *task : pendingTasks()) {
        msg += fmt::format("\n  {} waits for {}", task->description(), task->waitDescription());
        if (task->lastSuspendLoc) {
            const auto &l = trace.locations[task->lastSuspendLoc];
            std::string_view file = trace.strings.at(l.file);
            if (auto slash = file.rfind('/'); slash != std::string_view::npos)
                file.remove_prefix(slash + 1);
            msg += fmt::format(" at {}:{}", file, l.line);
        }
    }
    return msg;
}

void EventLoop::registerTask(TaskBase *task)
{
    task->registryIndex = std::uint32_t(m_tasks.size());
    m_tasks.push_back(task);
}

void EventLoop::unregisterTask(TaskBase *task)
{
    if (task->registryIndex < m_tasks.size() && m_tasks[task->registryIndex] == task) {
        m_tasks[task->registryIndex] = nullptr;
        ++m_taskHoles;
    }
    // Compact now and then so that a long run of short tasks does not grow the list.
    if (m_taskHoles > 64 && m_taskHoles * 2 > m_tasks.size()) {
        std::erase(m_tasks, nullptr);
        for (std::size_t i = 0; i < m_tasks.size(); ++i)
            m_tasks[i]->registryIndex = std::uint32_t(i);
        m_taskHoles = 0;
    }
}

std::vector<TaskBase *> EventLoop::pendingTasks() const
{
    std::vector<TaskBase *> out;
    for (auto *t : m_tasks)
        if (t)
            out.push_back(t);
    return out;
}

} // namespace coroscope
