#include "Condition.h"

#include <fmt/format.h>

namespace coroscope::asyncio {

Condition::Condition()
    : SyncPrimitive("Condition")
    , m_ownLock(std::make_unique<Lock>())
    , m_lock(m_ownLock.get())
{
    record("created lock=" + m_lock->traceName());
}

Condition::Condition(Lock &lock)
    : SyncPrimitive("Condition")
    , m_lock(&lock)
{
    record("created lock=" + m_lock->traceName());
}

Condition::Condition(Owned owned)
    : SyncPrimitive("Condition", owned)
    , m_ownLock(std::make_unique<Lock>(owned))
    , m_lock(m_ownLock.get())
{
}

Task<bool> Condition::wait()
{
    if (!locked())
        throw RuntimeError("cannot wait on un-acquired lock");
    release();
    std::exception_ptr error; // what the wait itself ended with
    {
        auto fut = makeFuture<bool>(loop(), waitLabel("Condition.wait()"));
        m_waiters.push_back(fut);
        record("wait");
        try {
            co_await fut;
        } catch (...) {
            error = std::current_exception();
        }
        sync::removeWaiter(m_waiters, fut);
    }
    // The `finally:`: the lock is re-acquired even if the wait was cancelled.
    bool cancelled = false;
    while (true) {
        try {
            co_await m_lock->acquireQuietly();
            break;
        } catch (const CancelledError &) {
            cancelled = true;
        }
    }
    record("leave");
    if (cancelled)
        throw CancelledError();
    if (error)
        std::rethrow_exception(error);
    co_return true;
}

Task<bool> Condition::wait_for(std::function<bool()> predicate)
{
    bool result = predicate();
    while (!result) {
        co_await waitQuietly();
        result = predicate();
    }
    co_return result;
}

void Condition::notify(std::size_t n, std::source_location where)
{
    if (!locked())
        throw RuntimeError("cannot notify on un-acquired lock");
    wake(n, record(fmt::format("notify n={}", n), where));
}

void Condition::wake(std::size_t n, std::uint32_t cause)
{
    std::size_t idx = 0;
    for (auto &fut : m_waiters) {
        if (idx >= n)
            break;
        if (!fut.done()) {
            ++idx;
            fut.set_result(false, cause);
        }
    }
}

void Condition::notify_all(std::source_location)
{
    notify(m_waiters.size());
}

Task<> Condition::aenter()
{
    co_await m_lock->acquireQuietly();
}

Task<> Condition::aexit(std::exception_ptr)
{
    release();
    co_return;
}

std::string Condition::repr() const
{
    std::string extra = locked() ? "locked" : "unlocked";
    if (!m_waiters.empty())
        extra += ", waiters:" + std::to_string(m_waiters.size());
    return "<asyncio.locks.Condition object [" + extra + "]>";
}

} // namespace coroscope::asyncio
