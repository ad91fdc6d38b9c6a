#pragma once

#include "Future.h"

#include <deque>
#include <source_location>
#include <string>
#include <string_view>

namespace coroscope::asyncio {

// What asyncio's synchronisation primitives share here: a name for the trace ("Lock-1", numbered
// per kind in creation order), the label a task waiting on one shows ("Lock.acquire()"), and the
// `sync` events that let the loop-state pane show who holds it and who waits (docs/trace-format.md,
// "Synchronisation primitives"). A primitive owned by another one (a Barrier's Condition, a Queue's
// Event) records nothing and lends its waiters the owner's label, as the tracer does for CPython.
class SyncPrimitive
{
public:
    SyncPrimitive(const SyncPrimitive &) = delete;
    SyncPrimitive &operator=(const SyncPrimitive &) = delete;

    // "Lock-1"; empty for one owned by another primitive.
    const std::string &traceName() const { return m_name; }
    // Python's class name: "Lock", "BoundedSemaphore".
    const std::string &traceKind() const { return m_kind; }

    // Marks a primitive owned by another one (a Barrier's Condition, a Queue's Event).
    struct Owned {
        std::string label; // what its waiters show: "Barrier.wait()", "Queue.join()"
    };

protected:
    // A primitive of the user's: numbered and recorded. `kind` is Python's class name.
    explicit SyncPrimitive(std::string_view kind);
    SyncPrimitive(std::string_view kind, Owned owned);
    ~SyncPrimitive() = default;

    bool hidden() const { return m_name.empty(); }
    // The label of a future its waiters wait on: "Lock.acquire()", or the owner's.
    std::string waitLabel(std::string_view own) const { return m_ownerLabel.empty() ? std::string(own) : m_ownerLabel; }
    // Records "<name> <what>" as a `sync` event on the running lane (NoEvent when hidden). A release,
    // set or notify passes the event on as the cause of the wake-ups it schedules.
    std::uint32_t record(std::string_view what, std::uint32_t loc = 0) const;
    std::uint32_t record(std::string_view what, const std::source_location &where) const;

    static EventLoop &loop();

private:
    std::string m_kind;
    std::string m_name;
    std::string m_ownerLabel;
};

namespace sync {
// The futures a primitive's waiters wait on, in the order they came (collections.deque).
template<class T>
using Waiters = std::deque<Future<T>>;

// deque.remove(fut): the first one only, as Python's.
template<class T>
void removeWaiter(Waiters<T> &waiters, const Future<T> &fut)
{
    for (auto it = waiters.begin(); it != waiters.end(); ++it) {
        if (*it == fut) {
            waiters.erase(it);
            return;
        }
    }
}
} // namespace sync

} // namespace coroscope::asyncio
