#pragma once

#include "PlainRuns.h"
#include "Program.h"
#include "RealClockFilter.h"

#include "pytrace/ScriptRun.h"

#include <functional>
#include <string>
#include <vector>

namespace coroscope::difftest {

// The real-clock oracle's part of a verdict: the program run plainly under python3, its delays
// scaled, held to what the traced run printed.
struct RealClockRun {
    enum class State {
        NotRun,   // not drawn for the real clock
        Skipped,  // drawn, but the traced run is not one jitter cannot reorder (`why`)
        Agrees,   // python3 printed the traced lines and exited as the traced run ended
        Diverges, // python3 printed something else, the same in every run (`why`)
        Unstable, // python3 printed the traced lines in some runs only: jitter, not counted (`why`)
    };
    State state = State::NotRun;
    std::string why;
    double unit = 0;                // its UNIT (seconds standing for 0.1 s)
    std::string python;             // the source python3 ran
    std::vector<std::string> lines; // what it printed (the first run)
    PlainRun run;
};

// One program run on both runtimes, and how they differ (empty: they agree).
struct Verdict {
    Program program;        // rendered: its lines set
    std::string python;     // its source
    RunResult cpp;
    ScriptRun py;
    RealClockRun real;
    std::vector<std::string> differences; // a real-clock divergence among them, as "real clock: ..."
    bool same() const { return differences.empty(); }
};

struct DiffOptions {
    int processes = 2;           // CPython batches side by side
    std::size_t maxDifferences = 6;
    std::string workDir;         // where the .py files go; empty: a fresh temporary folder
    // The real-clock oracle: program i (of this call) also runs plainly under python3 when
    // i % realClockEvery == 0 (0: none, 1: all) and the filter admits its traced run.
    int realClockEvery = 0;
    double unit = 0.05;          // real seconds standing for 0.1 s of the traced program
    int confirmations = 5;       // a mismatch is rerun this many times, at twice the unit
    RealClockLimits limits;
    PlainOptions plain;
};

// Runs each program on the C++ runtime (the interpreter) and on CPython under the tracer (in
// batches), and compares: the printed lines, how the run ended (the first line of its error), and
// step for step the traces (compareTraces: lanes, events with labels, times, Python lines and
// causes, the interleaving, the loop state and the primitives at every printed line).
std::vector<Verdict> runPrograms(std::vector<Program> programs, const DiffOptions &options = {});

// How a plain python3 run differs from the traced run of the same program (empty: it does not): the
// printed lines, then how it ended (exit 0 where the traced run ended normally, 1 where an exception
// escaped asyncio.run), or that it did not end in time.
std::string plainDifference(const PlainRun &run, const ScriptRun &traced);

// The smallest program found that still diverges as `verdict` does (any difference counts; a
// real-clock divergence must stay one, on a program the filter admits): drops functions,
// statements, handlers and items, inlines blocks, while the divergence stays. Each round runs every
// candidate in one batch. `log` hears of each step.
Verdict shrink(const Verdict &verdict, const DiffOptions &options = {},
               const std::function<void(const std::string &)> &log = {});

// A regression case on disk (tests/difftest/regressions/*.json): the program and what it found.
struct Regression {
    std::string name;
    std::string note;
    Program program;
    bool realClock = false; // also held to a plain python3 run on the real clock ("clock": "real")
};
std::vector<Regression> loadRegressions(const std::string &folder, std::string *error = nullptr);
bool saveRegression(const std::string &path, const Regression &regression);

// The differences as one report: the program's source, both outputs, the differences.
std::string report(const Verdict &verdict);

} // namespace coroscope::difftest
