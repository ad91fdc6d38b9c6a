#include "AsyncioEvent.h"

namespace coroscope::asyncio {

Event::Event()
    : SyncPrimitive("Event")
{
    record("created");
}

Event::Event(Owned owned)
    : SyncPrimitive("Event", std::move(owned))
{
}

void Event::set(std::source_location where)
{
    if (m_value)
        return;
    m_value = true;
    const auto ev = record("set", where);
    for (auto &fut : m_waiters)
        if (!fut.done())
            fut.set_result(true, ev);
}

void Event::clear(std::source_location where)
{
    if (m_value)
        record("clear", where);
    m_value = false;
}

Task<bool> Event::wait()
{
    if (m_value)
        co_return true;
    auto fut = makeFuture<bool>(loop(), waitLabel("Event.wait()"));
    m_waiters.push_back(fut);
    record("wait");
    std::exception_ptr error;
    try {
        co_await fut;
    } catch (...) {
        error = std::current_exception();
    }
    sync::removeWaiter(m_waiters, fut);
    record("leave");
    if (error)
        std::rethrow_exception(error);
    co_return true;
}

std::string Event::repr() const
{
    std::string extra = m_value ? "set" : "unset";
    if (!m_waiters.empty())
        extra += ", waiters:" + std::to_string(m_waiters.size());
    return "<asyncio.locks.Event object [" + extra + "]>";
}

} // namespace coroscope::asyncio
