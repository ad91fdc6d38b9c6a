#pragma once

#include "Program.h"

#include <cstdint>
#include <random>

namespace coroscope::difftest {

// Random programs from a small grammar: functions that print, sleep for a few distinct delays
// (0 and ties included), call each other inline, create, await and cancel tasks, gather (with and
// without return_exceptions), wait (each return_when, with and without a timeout), wait_for, raise
// and catch inside try/except/finally, and use a queue, a lock, an event, a semaphore, task groups,
// timeouts and shield. The same seed gives the same program on every machine (the generator draws
// from mt19937_64's raw output, not from the library's distributions).
class ProgramGenerator
{
public:
    explicit ProgramGenerator(std::uint64_t seed);
    Program next();

private:
    struct Scope;
    std::uint64_t below(std::uint64_t n) { return m_random() % n; }
    bool chance(int percent) { return int(below(100)) < percent; }
    Delay delay();
    std::optional<Delay> timeout();
    Awaitable call(int from);
    std::vector<Stmt> block(int from, Scope &scope, int depth, int length);
    Stmt statement(int from, Scope &scope, int depth);

    std::mt19937_64 m_random;
    Program *m_program = nullptr;
    int m_counter = 0; // makes printed texts distinct
};

// Whether every variable a statement reads was assigned before it in an enclosing block and every
// call goes to a function of a higher number (the shrinker keeps only programs that are).
bool wellFormed(const Program &program);

} // namespace coroscope::difftest
