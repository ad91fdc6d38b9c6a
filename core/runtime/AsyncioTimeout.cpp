#include "AsyncioTimeout.h"

#include <cassert>
#include <cmath>

namespace coroscope {

namespace {
const char *stateName(int s)
{
    static constexpr const char *names[] = {"created", "active", "expiring", "expired", "finished"};
    return names[s];
}

EventLoop &runningLoop()
{
    auto *loop = Runtime::current().loop();
    if (!loop)
        throw RuntimeError("no running event loop");
    return *loop;
}
} // namespace

Timeout::Timeout(std::optional<double> when)
    : m_when(when)
{
}

Timeout timeout(std::optional<double> delay)
{
    auto &loop = runningLoop();
    return Timeout(delay ? std::optional<double>(loop.time() + *delay) : std::nullopt);
}

Timeout timeout_at(std::optional<double> when)
{
    return Timeout(when);
}

void Timeout::cancelHandler()
{
    if (!m_hasHandler)
        return;
    if (m_soon != NoEvent)
        runningLoop().cancelReady(m_soon);
    else
        m_timer.cancel();
    m_soon = NoEvent;
    m_timer = {};
    m_hasHandler = false;
}

void Timeout::reschedule(std::optional<double> when)
{
    assert(m_state != State::Created);
    if (m_state != State::Entered)
        throw RuntimeError(std::string("Cannot change state of ") + stateName(int(m_state)) + " Timeout");
    m_when = when;
    cancelHandler();
    if (!when)
        return;
    auto &loop = runningLoop();
    std::weak_ptr<bool> alive = m_alive;
    auto fire = [this, alive](std::uint32_t) {
        if (alive.lock())
            onTimeout();
    };
    m_hasHandler = true;
    if (*when <= loop.time()) {
        m_soon = loop.callSoonCancellable(fire, "_on_timeout()");
    } else {
        m_timer = loop.callAt(*when, fire, "_on_timeout()");
    }
}

void Timeout::onTimeout()
{
    assert(m_state == State::Entered);
    m_task->cancel();
    m_state = State::Expiring;
    // drop the reference early
    m_hasHandler = false;
    m_soon = NoEvent;
    m_timer = {};
}

Task<Timeout *> Timeout::aenter()
{
    m_state = State::Entered;
    m_task = Runtime::current().currentTask();
    if (!m_task)
        throw RuntimeError("Timeout should be used inside a task");
    m_taskHold = m_task->shared_from_this();
    m_cancelling = m_task->cancelling();
    reschedule(m_when);
    co_return this;
}

Task<> Timeout::aexit(std::exception_ptr error)
{
    assert(m_state == State::Entered || m_state == State::Expiring);
    cancelHandler();
    if (m_state == State::Expiring) {
        m_state = State::Expired;
        // 3.11.7 compares with the requests counted at __aenter__ (a TaskGroup that cancelled the
        // task for its failed child leaves one behind): no new ones, so the cancellation is ours.
        if (m_task->uncancel() <= m_cancelling && error && isCancelledError(error))
            throw TimeoutError();
    } else if (m_state == State::Entered) {
        m_state = State::Exited;
    }
    co_return;
}

std::string Timeout::repr() const
{
    std::string info;
    if (m_state == State::Entered)
        info = m_when ? " when=" + reprDouble(std::round(*m_when * 1000) / 1000) : " when=None";
    return std::string("<Timeout [") + stateName(int(m_state)) + "]" + info + ">";
}

} // namespace coroscope
