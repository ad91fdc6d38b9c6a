#pragma once

#include "Program.h"

#include "pytrace/ScriptRun.h"

#include <string>

namespace coroscope::difftest {

struct RealClockLimits {
    double maxNominalSeconds = 6; // the traced run's length on its clock (real runs: scaled by the unit)
    bool admitSetOrders
        = false; // also where a set decides an order (shows what the tracer's creation order changes)
};

// Why a traced run (CPython under the tracer, on the virtual clock) cannot be held to a plain python3
// run of the same program on the real clock, or empty when it can (docs/difftest.md, "The real-clock
// oracle", says why these rules make the comparison immune to scheduling jitter):
// - the traced run ended by itself (no deadlock, spent budget or time limit: python3 would hang);
// - it lasts at most `maxNominalSeconds`;
// - timers that fire at the same instant (a tie) are all sleeps armed at the same instant: of two such,
//   python3 arms the later one later on its clock and so fires it later, which is the traced rule;
//   a timeout tied with a sleep, or timers of different delays meeting at one instant, are left out;
// - no timer is cancelled at its own due instant without having fired;
// - no set decides an order: python3 cancels a TaskGroup's tasks and those left at asyncio.run()'s end
//   in the order of a set (memory addresses), the tracer in creation order; so no TaskGroup of two
//   tasks or more that cancels two at once (two tasks resumed with CancelledError by wake-ups one
//   step scheduled), and at most one task left when main() ends.
// Distinct instants are at least 0.1 s apart on the traced clock by construction (every delay is a
// multiple of 0.1 s), so a unit of real time apart.
std::string realClockObstacle(const Program &program, const ScriptRun &traced,
                              const RealClockLimits &limits = {});

} // namespace coroscope::difftest
