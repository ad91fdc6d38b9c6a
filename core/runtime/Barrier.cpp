#include "Barrier.h"

namespace coroscope::asyncio {

namespace {
int checkedParties(int parties)
{
    if (parties < 1)
        throw ValueError("parties must be > 0");
    return parties;
}
} // namespace

Barrier::Barrier(int parties)
    : SyncPrimitive("Barrier")
    , m_cond(Owned{"Barrier.wait()"})
    , m_parties(checkedParties(parties))
{
    record("created parties=" + std::to_string(m_parties));
}

Task<int> Barrier::wait()
{
    record("wait");
    std::exception_ptr error;
    int index = 0;
    bool entered = false;
    try {
        co_await coroscope::detail::unrecorded(m_cond.aenter()); // async with self._cond:
        entered = true;
        co_await coroscope::detail::unrecorded(block()); // while it drains or resets
        try {
            index = m_count++;
            if (index + 1 == m_parties)
                trip();
            else
                co_await coroscope::detail::unrecorded(waitForTrip());
        } catch (...) {
            error = std::current_exception();
        }
        // The `finally:`: wake any tasks waiting for the barrier to drain.
        --m_count;
        exit();
    } catch (...) {
        error = std::current_exception();
    }
    if (entered)
        m_cond.release(); // the `async with`'s __aexit__
    if (error) {
        record("leave");
        std::rethrow_exception(error);
    }
    record("pass index=" + std::to_string(index));
    co_return index;
}

Task<> Barrier::block()
{
    co_await m_cond.waitForQuietly([this] { return m_state != State::Draining && m_state != State::Resetting; });
    if (m_state == State::Broken)
        throw BrokenBarrierError("Barrier aborted");
}

Task<> Barrier::waitForTrip()
{
    co_await m_cond.waitForQuietly([this] { return m_state != State::Filling; });
    if (m_state == State::Broken || m_state == State::Resetting)
        throw BrokenBarrierError("Abort or reset of barrier");
}

void Barrier::trip()
{
    // _release: the waiters' wake-ups come from this event.
    const auto ev = record("trip");
    m_state = State::Draining;
    m_cond.wake(m_cond.m_waiters.size(), ev);
}

void Barrier::exit()
{
    if (m_count == 0) {
        if (m_state == State::Resetting || m_state == State::Draining)
            m_state = State::Filling;
        m_cond.notify_all();
    }
}

Task<> Barrier::reset()
{
    record("reset");
    co_await coroscope::detail::unrecorded(m_cond.aenter());
    if (m_count > 0) {
        if (m_state != State::Resetting)
            m_state = State::Resetting;
    } else {
        m_state = State::Filling;
    }
    m_cond.notify_all();
    m_cond.release();
}

Task<> Barrier::abort()
{
    record("abort");
    co_await coroscope::detail::unrecorded(m_cond.aenter());
    m_state = State::Broken;
    m_cond.notify_all();
    m_cond.release();
}

Task<int> Barrier::aenter()
{
    co_return co_await coroscope::detail::unrecorded(wait());
}

Task<> Barrier::aexit(std::exception_ptr)
{
    co_return;
}

std::string Barrier::repr() const
{
    static constexpr const char *names[] = {"filling", "draining", "resetting", "broken"};
    std::string extra = names[int(m_state)];
    if (!broken())
        extra += ", waiters:" + std::to_string(n_waiting()) + "/" + std::to_string(m_parties);
    return "<asyncio.locks.Barrier object [" + extra + "]>";
}

} // namespace coroscope::asyncio
