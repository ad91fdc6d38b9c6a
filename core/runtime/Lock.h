#pragma once

#include "SyncPrimitive.h"
#include "Task.h"

namespace coroscope::asyncio {

// asyncio.Lock, as CPython 3.11 writes it: acquire() takes it at once when it is free and nobody
// waits (a waiter woken but not yet run keeps its turn: a newcomer does not steal the lock),
// otherwise waits on a future of its own, first in first out; release() wakes the first waiter.
// `async with lock:` is async_with(lock, body).
class Lock : public SyncPrimitive
{
public:
    Lock();
    explicit Lock(Owned owned);

    bool locked() const { return m_locked; }
    Task<bool> acquire();
    // Throws RuntimeError("Lock is not acquired.") when it is not.
    void release(std::source_location where = std::source_location::current());

    // __aenter__ / __aexit__ (_ContextManagerMixin): acquire, then release on every path.
    Task<> aenter();
    Task<> aexit(std::exception_ptr);

    // As repr(lock) reads, without the address: <asyncio.locks.Lock object [locked, waiters:1]>.
    std::string repr() const;

private:
    friend class Condition;
    Task<bool> acquireQuietly(); // acquire() without Enter / Leave: called from asyncio's own code
    void wakeUpFirst(std::uint32_t cause);

    sync::Waiters<bool> m_waiters;
    bool m_locked = false;
};

} // namespace coroscope::asyncio

namespace coroscope {
using asyncio::Lock;
}
