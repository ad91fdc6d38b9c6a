#pragma once

#include "Lock.h"

#include <functional>
#include <memory>

namespace coroscope::asyncio {

// asyncio.Condition, as CPython 3.11 writes it: a Lock of its own (or the one given) plus waiters
// that notify() wakes in order; a woken waiter re-acquires the lock before wait() returns, even
// when it is cancelled meanwhile.
class Condition : public SyncPrimitive
{
public:
    Condition();
    explicit Condition(Lock &lock);
    explicit Condition(Owned owned); // a Barrier's: itself and its lock record nothing

    bool locked() const { return m_lock->locked(); }
    Task<bool> acquire() { return m_lock->acquire(); }
    void release(std::source_location where = std::source_location::current()) { m_lock->release(where); }

    // Throws RuntimeError("cannot wait on un-acquired lock") unless the lock is held.
    Task<bool> wait();
    // wait() until predicate() holds; returns its last value.
    Task<bool> wait_for(std::function<bool()> predicate);
    void notify(std::size_t n = 1, std::source_location where = std::source_location::current());
    void notify_all(std::source_location where = std::source_location::current());

    Task<> aenter();
    Task<> aexit(std::exception_ptr);

    std::string repr() const;

private:
    friend class Barrier;
    Task<bool> waitQuietly() { return coroscope::detail::unrecorded(wait()); }
    Task<bool> waitForQuietly(std::function<bool()> predicate) { return coroscope::detail::unrecorded(wait_for(std::move(predicate))); }
    // notify() with the wake-ups caused by `cause` (a Barrier's trip).
    void wake(std::size_t n, std::uint32_t cause);

    std::unique_ptr<Lock> m_ownLock;
    Lock *m_lock;
    sync::Waiters<bool> m_waiters;
};

} // namespace coroscope::asyncio

namespace coroscope {
using asyncio::Condition;
}
