#pragma once

// asyncio.Event (the file is named so beside the trace's Event.h).
#include "SyncPrimitive.h"
#include "Task.h"

namespace coroscope::asyncio {

// asyncio.Event, as CPython 3.11 writes it: wait() returns at once while the flag is set, otherwise
// waits on a future of its own; set() wakes every waiter, in the order they came.
class Event : public SyncPrimitive
{
public:
    Event();
    explicit Event(Owned owned);

    bool is_set() const { return m_value; }
    void set(std::source_location where = std::source_location::current());
    void clear(std::source_location where = std::source_location::current());
    Task<bool> wait();

    // <asyncio.locks.Event object [set, waiters:1]>, without the address.
    std::string repr() const;

private:
    sync::Waiters<bool> m_waiters;
    bool m_value = false;
};

} // namespace coroscope::asyncio
