#pragma once

#include "Program.h"

#include <string>

namespace coroscope::difftest {

// The program as Python source for CPython. Sets each statement's `line` (the interpreter reports
// the same lines, so that both runtimes' traces point at the same lines of this source).
std::string renderPython(Program &program);

// A traced program's delays are multiples of this (0.1 s): the real-clock rendering's time step.
inline constexpr double kNominalUnit = 0.1;
// The program for a plain python3 run on the real clock: the same source with every nonzero delay
// and timeout written as k * UNIT (UNIT = `unit` seconds standing for 0.1 s), one line `UNIT = ...`
// after the import. Zero delays stay 0 (sleep(0) arms no timer).
std::string renderRealClock(const Program &program, double unit);

// What the interpreter needs of the rendering: the lines of main's handler and of asyncio.run.
struct MainLines {
    int handler = 0; // print("main caught", repr(e))
    int run = 0;     // asyncio.run(main())
    int lock = 0, event = 0, semaphore = 0, queue = 0; // the module-level primitives
};
MainLines mainLines(const Program &program);

} // namespace coroscope::difftest
