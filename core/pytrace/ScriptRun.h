#pragma once

#include "runtime/Program.h"
#include "trace/Trace.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace coroscope {

struct ScriptOptions {
    std::string python;    // the interpreter; empty: $COROSCOPE_PYTHON, else python3 on PATH
    std::string tracerDir; // the folder holding coroscope_tracer/; empty: findTracerDir()
    std::vector<std::string> args; // the script's own arguments (sys.argv[1:])
    ClockMode clock = ClockMode::Virtual;
    std::uint64_t eventBudget = 1'000'000;
    double timeLimitSeconds = 60; // wall time; 0: none
    // Set from another thread (the app's Stop): the tracer is killed, what arrived is kept.
    const std::atomic<bool> *stop = nullptr;
    // Called on the reading thread with the trace so far, at most every 100 ms while it grows: a
    // long or endless script's timeline grows live.
    std::function<void(const Trace &)> progress;
    // Called on the reading thread with each chunk the script writes to its stdout (fd 1) or stderr
    // (fd 2), as it arrives, in the order it was written: `coroscope-cli run` passes them through.
    std::function<void(int fd, std::string_view chunk)> passthrough;
    // The script's stderr goes down its stdout pipe (passed through as fd 1): one stream in the
    // order it was written, as a terminal shows both (the CLI when its stdout and stderr are one).
    bool stderrIntoStdout = false;
    // Metadata the trace starts with, before the tracer's (the sample a mirror belongs to).
    std::vector<std::pair<std::string, std::string>> metadata;
};

// A traced run of a Python script.
struct ScriptRun {
    RunResult result;     // the trace, the printed lines, what stopped it, the stderr reports
    bool syntaxError = false;
    int errorLine = 0;    // where a SyntaxError is, 1-based (0: unknown)
    int errorColumn = 0;
    bool started = false;  // the tracer process was started (else `result.error` says why not)
    bool cutShort = false; // the tracer ended before the run did (killed, crashed, stopped)
    bool stopped = false;  // Coroscope ended it: deadlock, event budget, time limit, Stop, a bad stream
    int exitCode = 0;     // the tracer process's (the script's, as python3's), or 128 + signal
    int signal = 0;       // the signal that ended the tracer process, if one did
    bool ok() const { return result.ok(); }
};

// Runs `script` with CPython under the tracer (a subprocess, stdin at end-of-file) and builds its
// trace from the stream. Never throws: a missing python3, a SyntaxError, an exception in the
// script, a runaway script or a crash of the tracer all end in `result.error` with what arrived.
ScriptRun runScript(const std::string &script, const ScriptOptions &options = {});

// The folder holding the tracer package: $COROSCOPE_TRACER_DIR, the installed share/coroscope/tracer
// beside the executable, then the source tree's tracer/. Empty when none has coroscope_tracer/.
std::string findTracerDir();

namespace detail {
// What runScript() and runScriptBatch() share: the `python3 -c` line that puts the tracer's folder
// on sys.path and runs it, the interpreter (`configured`, else $COROSCOPE_PYTHON, else python3),
// and the run's reports read from its trace's metadata (stderr, error, the SyntaxError's place).
extern const char *const kTracerBootstrap;
std::string pythonInterpreter(const std::string &configured);
void readRunReports(ScriptRun &run);
} // namespace detail

} // namespace coroscope
