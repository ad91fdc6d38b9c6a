#include "Semaphore.h"

#include <algorithm>

namespace coroscope::asyncio {

namespace {
int checked(int value)
{
    if (value < 0)
        throw ValueError("Semaphore initial value must be >= 0");
    return value;
}
} // namespace

Semaphore::Semaphore(int value)
    : Semaphore("Semaphore", value, false)
{
}

Semaphore::Semaphore(std::string_view kind, int value, bool bounded)
    : SyncPrimitive(kind)
    , m_value(checked(value))
    , m_bound(value)
    , m_bounded(bounded)
{
    record("created " + valueText());
}

std::string Semaphore::valueText() const
{
    return "value=" + std::to_string(m_value);
}

bool Semaphore::locked() const
{
    return m_value == 0 || std::any_of(m_waiters.begin(), m_waiters.end(), [](const auto &w) { return !w.cancelled(); });
}

Task<bool> Semaphore::acquire()
{
    if (!locked()) {
        --m_value;
        record("acquire " + valueText());
        co_return true;
    }
    auto fut = makeFuture<bool>(loop(), waitLabel(std::string(traceKind()) + ".acquire()"));
    m_waiters.push_back(fut);
    record("wait");
    std::exception_ptr error;
    try {
        co_await fut;
    } catch (...) {
        error = std::current_exception();
    }
    sync::removeWaiter(m_waiters, fut);
    if (error) {
        if (isCancelledError(error)) {
            // Woken (handed a unit) and cancelled before it ran: the unit goes to the next one.
            if (!fut.cancelled()) {
                ++m_value;
                wakeUpNext(NoEvent);
            }
            record("cancel " + valueText());
        }
        std::rethrow_exception(error);
    }
    if (m_value > 0)
        wakeUpNext(NoEvent);
    record("acquire " + valueText());
    co_return true;
}

void Semaphore::release(std::source_location where)
{
    if (m_bounded) {
        if (m_value >= m_bound)
            throw ValueError("BoundedSemaphore released too many times");
        where = std::source_location::current(); // CPython's BoundedSemaphore.release calls Semaphore's
    }
    ++m_value;
    const bool handsOver = std::any_of(m_waiters.begin(), m_waiters.end(), [](const auto &w) { return !w.done(); });
    const auto ev = record("release value=" + std::to_string(m_value - (handsOver ? 1 : 0)), where);
    wakeUpNext(ev);
}

bool Semaphore::wakeUpNext(std::uint32_t cause)
{
    for (auto &fut : m_waiters) {
        if (!fut.done()) {
            --m_value;
            fut.set_result(true, cause);
            return true;
        }
    }
    return false;
}

Task<> Semaphore::aenter()
{
    co_await coroscope::detail::unrecorded(acquire());
}

Task<> Semaphore::aexit(std::exception_ptr)
{
    release();
    co_return;
}

std::string Semaphore::repr() const
{
    std::string extra = locked() ? "locked" : "unlocked, value:" + std::to_string(m_value);
    if (!m_waiters.empty())
        extra += ", waiters:" + std::to_string(m_waiters.size());
    return "<asyncio.locks." + std::string(traceKind()) + " object [" + extra + "]>";
}

} // namespace coroscope::asyncio
