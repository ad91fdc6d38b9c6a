#include "ConcurrentFuture.h"

#include "Exceptions.h"
#include "Runtime.h"

#include <fmt/format.h>

#include <chrono>

namespace coroscope {

namespace {

// As concurrent.futures' _invoke_callbacks: a callback that raises is logged and the others still
// run. On a worker thread an escaping exception would end the whole process (std::terminate).
void invokeCallback(const std::function<void()> &cb, const ConcurrentState &state)
{
    try {
        cb();
    } catch (...) {
        if (Runtime::active())
            Runtime::current().logError(fmt::format("exception calling callback for <Future {}>\n{}",
                                                    state.description(),
                                                    describeException(std::current_exception())));
    }
}

} // namespace

bool ConcurrentState::done() const
{
    std::lock_guard g(m_mutex);
    return m_state == State::Finished || m_state == State::Cancelled;
}

bool ConcurrentState::running() const
{
    std::lock_guard g(m_mutex);
    return m_state == State::Running;
}

bool ConcurrentState::cancelled() const
{
    std::lock_guard g(m_mutex);
    return m_state == State::Cancelled;
}

std::uint32_t ConcurrentState::doneEvent() const
{
    std::lock_guard g(m_mutex);
    return m_doneEvent;
}

std::exception_ptr ConcurrentState::exception() const
{
    std::lock_guard g(m_mutex);
    return m_exception;
}

bool ConcurrentState::cancel()
{
    std::vector<std::function<void()>> callbacks;
    {
        std::lock_guard g(m_mutex);
        if (m_state == State::Running || m_state == State::Finished)
            return false;
        if (m_state == State::Cancelled)
            return true;
        m_state = State::Cancelled;
        callbacks.swap(m_callbacks);
    }
    m_cv.notify_all();
    for (auto &cb : callbacks)
        invokeCallback(cb, *this);
    return true;
}

bool ConcurrentState::setRunning()
{
    std::lock_guard g(m_mutex);
    if (m_state != State::Pending)
        return false;
    m_state = State::Running;
    return true;
}

void ConcurrentState::finish(std::exception_ptr e, std::uint32_t doneEvent)
{
    std::vector<std::function<void()>> callbacks;
    {
        std::lock_guard g(m_mutex);
        m_exception = std::move(e);
        m_doneEvent = doneEvent;
        m_state = State::Finished;
        callbacks.swap(m_callbacks);
    }
    m_cv.notify_all();
    for (auto &cb : callbacks)
        invokeCallback(cb, *this);
}

void ConcurrentState::addDoneCallback(std::function<void()> fn)
{
    {
        std::lock_guard g(m_mutex);
        if (m_state != State::Finished && m_state != State::Cancelled) {
            m_callbacks.push_back(std::move(fn));
            return;
        }
    }
    invokeCallback(fn, *this);
}

bool ConcurrentState::wait(std::optional<double> timeout, std::string_view what, const std::source_location &where)
{
    auto isDone = [this] { return m_state == State::Finished || m_state == State::Cancelled; };
    {
        std::lock_guard g(m_mutex);
        if (isDone())
            return true;
    }
    auto &rt = Runtime::current();
    rt.record(EventKind::Suspend, NoEvent, what, rt.location(where));
    bool ok;
    {
        std::unique_lock lock(m_mutex);
        if (timeout)
            ok = m_cv.wait_for(lock, std::chrono::duration<double>(*timeout), isDone);
        else {
            m_cv.wait(lock, isDone);
            ok = true;
        }
    }
    rt.record(EventKind::Resume, ok ? doneEvent() : NoEvent, ok ? resultRepr() : std::string("TimeoutError()"));
    return ok;
}

} // namespace coroscope
