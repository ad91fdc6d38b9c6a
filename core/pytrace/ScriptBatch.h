#pragma once

#include "ScriptRun.h"

#include <string>
#include <vector>

namespace coroscope {

// Many scripts on CPython under the tracer at the price of few start-ups: the tracer's batch mode
// (python3 -m coroscope_tracer --batch LIST) loads itself and asyncio once and runs each script in a
// fork of that process, as a fresh run would; `processes` such batches run side by side. Each
// script's trace, printed lines and error are what runScript() gives for it, except that what reaches
// the process's own stdout or stderr (below print() and the tracer) is not kept. For the
// differential tester, which runs thousands of small programs.
struct BatchOptions {
    std::string python;    // empty: $COROSCOPE_PYTHON, else python3
    std::string tracerDir; // empty: findTracerDir()
    std::uint64_t eventBudget = 200'000;
    double timeLimitSeconds = 20; // per script, wall time
    int processes = 2;
};

std::vector<ScriptRun> runScriptBatch(const std::vector<std::string> &scripts, const BatchOptions &options = {});

} // namespace coroscope
