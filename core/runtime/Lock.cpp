#include "Lock.h"

#include <algorithm>

namespace coroscope::asyncio {

Lock::Lock()
    : SyncPrimitive("Lock")
{
    record("created");
}

Lock::Lock(Owned owned)
    : SyncPrimitive("Lock", std::move(owned))
{
}

Task<bool> Lock::acquire()
{
    if (!m_locked && std::all_of(m_waiters.begin(), m_waiters.end(), [](const auto &w) { return w.cancelled(); })) {
        m_locked = true;
        record("acquire");
        co_return true;
    }
    auto fut = makeFuture<bool>(loop(), waitLabel("Lock.acquire()"));
    m_waiters.push_back(fut);
    record("wait");
    std::exception_ptr error; // (no co_await in a handler: handled below)
    try {
        co_await fut;
    } catch (...) {
        error = std::current_exception();
    }
    sync::removeWaiter(m_waiters, fut); // the `finally:` runs before the CancelledError handling
    if (error) {
        if (isCancelledError(error)) {
            if (!m_locked)
                wakeUpFirst(NoEvent);
            record("cancel");
        }
        std::rethrow_exception(error);
    }
    m_locked = true;
    record("acquire");
    co_return true;
}

Task<bool> Lock::acquireQuietly()
{
    return coroscope::detail::unrecorded(acquire());
}

void Lock::release(std::source_location where)
{
    if (!m_locked)
        throw RuntimeError("Lock is not acquired.");
    m_locked = false;
    wakeUpFirst(record("release", where));
}

void Lock::wakeUpFirst(std::uint32_t cause)
{
    if (m_waiters.empty())
        return;
    // A done one will wake up later and take the lock, or pass the turn on if it was cancelled.
    auto fut = m_waiters.front();
    if (!fut.done())
        fut.set_result(true, cause);
}

Task<> Lock::aenter()
{
    co_await acquireQuietly();
}

Task<> Lock::aexit(std::exception_ptr)
{
    release();
    co_return;
}

std::string Lock::repr() const
{
    std::string extra = m_locked ? "locked" : "unlocked";
    if (!m_waiters.empty())
        extra += ", waiters:" + std::to_string(m_waiters.size());
    return "<asyncio.locks.Lock object [" + extra + "]>";
}

} // namespace coroscope::asyncio
