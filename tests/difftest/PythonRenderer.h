#pragma once

#include "Program.h"

#include <string>

namespace coroscope::difftest {

// The program as Python source for CPython. Sets each statement's `line` (the interpreter reports
// the same lines, so that both runtimes' traces point at the same lines of this source).
std::string renderPython(Program &program);

// What the interpreter needs of the rendering: the lines of main's handler and of asyncio.run.
struct MainLines {
    int handler = 0; // print("main caught", repr(e))
    int run = 0;     // asyncio.run(main())
    int lock = 0, event = 0, semaphore = 0, queue = 0; // the module-level primitives
};
MainLines mainLines(const Program &program);

} // namespace coroscope::difftest
