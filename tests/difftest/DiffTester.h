#pragma once

#include "Program.h"

#include "pytrace/ScriptRun.h"

#include <functional>
#include <string>
#include <vector>

namespace coroscope::difftest {

// One program run on both runtimes, and how they differ (empty: they agree).
struct Verdict {
    Program program;        // rendered: its lines set
    std::string python;     // its source
    RunResult cpp;
    ScriptRun py;
    std::vector<std::string> differences;
    bool same() const { return differences.empty(); }
};

struct DiffOptions {
    int processes = 2;           // CPython batches side by side
    std::size_t maxDifferences = 6;
    std::string workDir;         // where the .py files go; empty: a fresh temporary folder
};

// Runs each program on the C++ runtime (the interpreter) and on CPython under the tracer (in
// batches), and compares: the printed lines, how the run ended (the first line of its error), and
// step for step the traces (compareTraces: lanes, events with labels, times, Python lines and
// causes, the interleaving, the loop state and the primitives at every printed line).
std::vector<Verdict> runPrograms(std::vector<Program> programs, const DiffOptions &options = {});

// The smallest program found that still diverges as `verdict` does (any difference counts): drops
// functions, statements, handlers and items, inlines blocks, while the divergence stays. Each round
// runs every candidate in one batch. `log` hears of each step.
Verdict shrink(const Verdict &verdict, const DiffOptions &options = {},
               const std::function<void(const std::string &)> &log = {});

// A regression case on disk (tests/difftest/regressions/*.json): the program and what it found.
struct Regression {
    std::string name;
    std::string note;
    Program program;
};
std::vector<Regression> loadRegressions(const std::string &folder, std::string *error = nullptr);
bool saveRegression(const std::string &path, const Regression &regression);

// The differences as one report: the program's source, both outputs, the differences.
std::string report(const Verdict &verdict);

} // namespace coroscope::difftest
