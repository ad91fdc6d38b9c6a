#pragma once

#include <string>
#include <vector>

namespace coroscope::difftest {

// A script run plainly, `python3 -u SCRIPT` on the real clock, as a learner runs it in a terminal.
struct PlainRun {
    std::string out, err; // everything it wrote
    int exitCode = -1; // python3's exit status, or 128 + the signal that ended it
    bool timedOut = false; // killed at the time limit
    double seconds = 0; // wall time
};

struct PlainOptions {
    std::string python; // empty: $COROSCOPE_PYTHON, else python3 (resolved once to its binary)
    int parallel = 24; // runs at once: they mostly sleep
    double timeLimitSeconds = 30;
};

// Runs each script in its own process (stdin /dev/null, its own process group, killed at the time
// limit), `parallel` at a time, and returns what each printed, in the order of `scripts`.
std::vector<PlainRun> runPlain(const std::vector<std::string> &scripts, const PlainOptions &options = {});

// The interpreter's own binary (sys.executable of `python`): a launcher such as pyenv's shim costs a
// bash start-up per run.
std::string resolvedPython(const std::string &python);

} // namespace coroscope::difftest
