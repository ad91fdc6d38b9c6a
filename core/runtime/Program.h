#pragma once

#include "Runtime.h"
#include "trace/Trace.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace coroscope {

// A finished run: its trace, what it printed, and how it ended.
struct RunResult {
    Trace trace;
    std::vector<std::string> output;
    // Empty when the program ran to its end. Otherwise what stopped it, as Python would report it
    // ("ValueError: bad job") or as the runtime does ("deadlock: ...", "event budget exceeded: ...").
    std::string error;
    // What Python would have written to stderr, in order: reports logged while the program went on
    // ("Exception in callback ...", "Task exception was never retrieved ..."), then `error`, if any.
    // The trace carries them too, as metadata entries named kStderrKey.
    std::vector<std::string> errorOutput;
    bool ok() const { return error.empty(); }
};

inline constexpr std::string_view kStderrKey = "stderr";

// Runs `module` (the sample's top-level code) on a fresh Runtime on this thread. Never throws:
// an uncaught exception, a deadlock or a spent budget end the run with a Fault event and `error`.
RunResult runProgram(const std::function<void()> &module, RunOptions options = {},
                     std::vector<std::pair<std::string, std::string>> metadata = {});

} // namespace coroscope
