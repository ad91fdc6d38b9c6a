#pragma once

#include "Condition.h"

namespace coroscope::asyncio {

// asyncio.BrokenBarrierError
class BrokenBarrierError : public RuntimeError
{
public:
    explicit BrokenBarrierError(std::string message = {})
        : RuntimeError(std::move(message), "BrokenBarrierError")
    {
    }
};

// asyncio.Barrier (new in 3.11), as CPython writes it: a Condition of its own (whose lock and
// waiters show as "Barrier.wait()"); wait() blocks until `parties` tasks wait, then all pass, the
// last to arrive tripping it; while they drain, newcomers wait for the next round.
class Barrier : public SyncPrimitive
{
public:
    // Throws ValueError("parties must be > 0").
    explicit Barrier(int parties);

    // Returns this task's index, 0 .. parties - 1.
    Task<int> wait();
    Task<> reset();
    Task<> abort();
    int parties() const { return m_parties; }
    int n_waiting() const { return m_state == State::Filling ? m_count : 0; }
    bool broken() const { return m_state == State::Broken; }

    Task<int> aenter();
    Task<> aexit(std::exception_ptr);

    std::string repr() const;

private:
    enum class State { Filling, Draining, Resetting, Broken };
    Task<> block();
    Task<> waitForTrip();
    void trip();
    void exit();

    Condition m_cond;
    int m_parties;
    State m_state = State::Filling;
    int m_count = 0;
};

} // namespace coroscope::asyncio

namespace coroscope {
using asyncio::Barrier;
using asyncio::BrokenBarrierError;
}
