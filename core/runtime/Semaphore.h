#pragma once

#include "SyncPrimitive.h"
#include "Task.h"

namespace coroscope::asyncio {

// asyncio.Semaphore, as CPython 3.11 writes it (the fair one): acquire() takes a unit at once only
// when one is free and nobody waits; release() hands its unit straight to the first waiter, which
// then cannot lose it to a newcomer. Its `sync` events carry the counter ("value=1").
class Semaphore : public SyncPrimitive
{
public:
    // Throws ValueError("Semaphore initial value must be >= 0") for a negative value.
    explicit Semaphore(int value = 1);

    bool locked() const;
    int value() const { return m_value; }
    Task<bool> acquire();
    void release(std::source_location where = std::source_location::current());

    Task<> aenter();
    Task<> aexit(std::exception_ptr);

    std::string repr() const;

protected:
    Semaphore(std::string_view kind, int value, bool bounded);

private:
    bool wakeUpNext(std::uint32_t cause);
    std::string valueText() const;

    sync::Waiters<bool> m_waiters;
    int m_value;
    int m_bound;
    bool m_bounded;
};

// asyncio.BoundedSemaphore: release() beyond the initial value raises ValueError.
class BoundedSemaphore : public Semaphore
{
public:
    explicit BoundedSemaphore(int value = 1)
        : Semaphore("BoundedSemaphore", value, true)
    {
    }
};

} // namespace coroscope::asyncio

namespace coroscope {
using asyncio::BoundedSemaphore;
using asyncio::Semaphore;
}
